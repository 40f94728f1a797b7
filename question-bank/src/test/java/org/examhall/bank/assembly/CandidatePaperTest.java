package org.examhall.bank.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.examhall.bank.TestBanks;
import org.examhall.bank.question.QuestionType;
import org.examhall.bank.scoring.PaperScorer;
import org.examhall.bank.scoring.Responses;
import org.junit.jupiter.api.Test;

class CandidatePaperTest {

    private static final List<Class<?>> PLAIN = List.of(String.class, int.class, BigDecimal.class, QuestionType.class);

    @Test
    void the_candidate_paper_is_built_only_of_text_numbers_and_its_own_records() {
        assertOnlyPlainData(CandidatePaper.class);
    }

    private static void assertOnlyPlainData(Class<?> record) {
        for (RecordComponent component : record.getRecordComponents()) {
            Type type = component.getGenericType();
            if (type instanceof ParameterizedType list) {
                assertThat(list.getRawType()).isEqualTo(List.class);
                Class<?> element = (Class<?>) list.getActualTypeArguments()[0];
                assertThat(element.getPackageName()).isEqualTo(CandidatePaper.class.getPackageName());
                assertThat(element.getSimpleName()).startsWith("Candidate");
                assertOnlyPlainData(element);
            } else {
                assertThat(PLAIN)
                        .as(record.getSimpleName() + "." + component.getName())
                        .contains((Class<?>) type);
            }
        }
    }

    @Test
    void an_answer_given_by_displayed_label_scores_against_the_option_it_showed() {
        Paper paper = new PaperAssembler(TestBanks.blueprint(0, 10, 0), TestBanks.activeBank(0, 10, 0)).assemble(4);
        CandidatePaper view = paper.candidateView();
        // Every TestBanks single-choice question has 乙 (written B) as its answer; find where it is shown.
        Map<Integer, String> labels = new TreeMap<>();
        for (CandidateItem item : view.sections().get(0).items()) {
            String label = item.options().stream()
                    .filter(o -> o.text().startsWith("乙"))
                    .findFirst()
                    .orElseThrow()
                    .label();
            labels.put(item.number(), label);
        }
        assertThat(PaperScorer.score(paper, Responses.ofLabels(labels)).score()).isEqualByComparingTo("10");
        assertThat(labels.values())
                .as("options were shuffled")
                .isNotEqualTo(List.of("B", "B", "B", "B", "B", "B", "B", "B", "B", "B"));
    }
}
