package org.examhall.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The no-lost-answer check itself: it must pass on equal sheets and fail on a lost or stale answer. */
class AnswerVerificationTest {

    private static JsonObject sheet(int lastSeq, String status, Double score, Object... itemLabels) {
        JsonObject answers = new JsonObject();
        for (int i = 0; i < itemLabels.length; i += 2) {
            answers.put(String.valueOf(itemLabels[i]), itemLabels[i + 1]);
        }
        return new JsonObject()
                .put("answers", answers)
                .put("lastSeq", lastSeq)
                .put("status", status)
                .put("score", score);
    }

    private static AcknowledgedAnswers acked(AnswerStep... steps) {
        AcknowledgedAnswers answers = new AcknowledgedAnswers();
        for (AnswerStep step : steps) {
            answers.acknowledged(step);
        }
        return answers;
    }

    private static AnswerStep step(int seq, int item, String labels) {
        return new AnswerStep(seq, item, labels, 0);
    }

    @Test
    void theHighestAcknowledgedSequencePerItemIsTheExpectedAnswerWhateverTheAcknowledgementOrder() {
        AcknowledgedAnswers terminal = acked(step(3, 1, "B"), step(1, 1, "A"), step(2, 2, "AC"), step(4, 3, ""));
        var check = AnswerVerification.check("t", terminal, true, sheet(4, "SUBMITTED", 42.0, 1, "B", 2, "AC", 3, ""));
        assertThat(check.match()).isTrue();
        assertThat(check.scoreProblem()).isNull();
    }

    @Test
    void aMissingOrOlderAnswerOnTheServerIsALostAnswer() {
        AcknowledgedAnswers terminal = acked(step(1, 1, "A"), step(2, 1, "B"), step(3, 2, "A"));
        var stale = AnswerVerification.check("t", terminal, false, sheet(3, "ANSWERING", null, 1, "A", 2, "A"));
        assertThat(stale.match()).isFalse();
        assertThat(stale.unconfirmedOnly()).isFalse();
        assertThat(stale.mismatch()).contains("item 1").contains("server \"A\"").contains("acknowledged \"B\"");
        var missing = AnswerVerification.check("t", terminal, false, sheet(2, "ANSWERING", null, 1, "B"));
        assertThat(missing.match()).isFalse();
        assertThat(missing.unconfirmedOnly()).isFalse();
        assertThat(missing.mismatch()).contains("item 2: server none").contains("lastSeq 2 < acknowledged seq 3");
    }

    @Test
    void aNewerAnswerWhoseAcknowledgementNeverArrivedIsUnconfirmedNotLost() {
        AcknowledgedAnswers terminal = acked(step(1, 1, "A"));
        terminal.unresolved(step(2, 1, "C"));
        var check = AnswerVerification.check("t", terminal, false, sheet(2, "ANSWERING", null, 1, "C"));
        assertThat(check.match()).isFalse();
        assertThat(check.unconfirmedOnly()).isTrue();
    }

    @Test
    void aHandedInSittingWithoutAScoreFails() {
        AcknowledgedAnswers terminal = acked(step(1, 1, "A"));
        assertThat(AnswerVerification.check("t", terminal, true, sheet(1, "SUBMITTED", null, 1, "A"))
                        .scoreProblem())
                .contains("no score");
        assertThat(AnswerVerification.check("t", terminal, true, sheet(1, "ANSWERING", null, 1, "A"))
                        .scoreProblem())
                .contains("status is ANSWERING");
    }

    @Test
    void residentIdNumbersCarryTheGb11643CheckCharacter() {
        // The standard's worked example: 11010519491231002X.
        assertThat(CandidateFactory.checkCharacter("11010519491231002")).isEqualTo('X');
        CandidateFactory people = new CandidateFactory(7);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String id = people.candidate(i).idNumber();
            assertThat(id).hasSize(18).matches("\\d{17}[\\dX]");
            assertThat(CandidateFactory.checkCharacter(id.substring(0, 17))).isEqualTo(id.charAt(17));
            assertThat(seen.add(id)).as("unique within a run").isTrue();
        }
    }
}
