package org.examhall.server.results;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperItem;
import org.examhall.bank.assembly.PaperSection;
import org.examhall.bank.io.PaperJson;
import org.examhall.bank.question.AnswerKey;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;

/**
 * A stored paper with some answer keys replaced, everything else (questions, option order, points)
 * as drawn: scoring the result against the candidate's answers is then an ordinary, pure rescoring.
 * A key is given by the bureau, or taken from the question's active version in the bank once the
 * bureau has fixed it there (editing an active question makes a new version); that version must have
 * the options the candidate saw, or its key would not mean the same.
 *
 * @param letters  question id → key letters in written option order
 * @param recorded the keys as the correction keeps them: {questionId, key, bankVersion (when from the bank)}
 */
record CorrectedKeys(String paperJson, Map<String, String> letters, JsonArray recorded) {

    /**
     * @param requested question id → key letters, or null for the bank's active version
     * @param bank      the current bank; only read when a key is to come from it
     * @throws org.examhall.protocol.http.ApiException 4xx when a question is not on the paper, a key does not fit,
     *                                               or the bank has no usable version
     */
    static CorrectedKeys of(String paperJson, Map<String, String> requested, Optional<QuestionBank> bank) {
        Paper paper = read(paperJson);
        Set<String> missing = new HashSet<>(requested.keySet());
        missing.removeAll(paper.questionIds());
        if (!missing.isEmpty()) {
            throw CorrectionErrors.QUESTION_NOT_ON_PAPER
                    .withDetail(String.join(", ", missing), String.join(", ", missing))
                    .exception();
        }
        return of(paper, requested, bank);
    }

    /**
     * For a correction of many papers at once: those of the requested keys whose question is on this
     * paper; empty when none is.
     */
    static Optional<CorrectedKeys> ofThoseOnPaper(
            String paperJson, Map<String, String> requested, Optional<QuestionBank> bank) {
        Paper paper = read(paperJson);
        Map<String, String> onPaper = new LinkedHashMap<>(requested);
        onPaper.keySet().retainAll(paper.questionIds());
        return onPaper.isEmpty() ? Optional.empty() : Optional.of(of(paper, onPaper, bank));
    }

    private static Paper read(String paperJson) {
        try {
            return PaperJson.read(paperJson);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored paper cannot be read", e);
        }
    }

    private static CorrectedKeys of(Paper paper, Map<String, String> requested, Optional<QuestionBank> bank) {
        Map<String, String> letters = new LinkedHashMap<>();
        JsonArray recorded = new JsonArray();
        for (PaperItem item : paper.items()) {
            String id = item.question().id();
            if (!requested.containsKey(id)) {
                continue;
            }
            String given = requested.get(id);
            JsonObject entry = new JsonObject().put("questionId", id);
            if (given == null) {
                Question active = active(bank.orElseThrow(), item.question());
                given = active.content().answer().letters();
                entry.put("bankVersion", active.version());
            }
            letters.put(id, given);
            recorded.add(entry.put("key", given));
        }
        return new CorrectedKeys(write(rekeyed(paper, letters)), letters, recorded);
    }

    private static Question active(QuestionBank bank, Question drawn) {
        Question active = bank.versions(drawn.id()).stream()
                .filter(Question::isActive)
                .findFirst()
                .orElseThrow(() -> CorrectionErrors.NO_ACTIVE_BANK_VERSION
                        .withDetail(drawn.id(), drawn.id())
                        .exception());
        if (active.type() != drawn.type()
                || !active.content().options().equals(drawn.content().options())) {
            throw CorrectionErrors.BANK_VERSION_DIFFERS
                    .withDetail(
                            drawn.id() + " v" + drawn.version() + " / v" + active.version(),
                            drawn.id() + " v" + drawn.version() + " / v" + active.version())
                    .exception();
        }
        return active;
    }

    private static Paper rekeyed(Paper paper, Map<String, String> letters) {
        return new Paper(
                paper.blueprintId(),
                paper.title(),
                paper.category(),
                paper.bankVersion(),
                paper.seed(),
                paper.durationMinutes(),
                paper.totalPoints(),
                paper.passMark(),
                paper.multipleChoiceRule(),
                paper.sections().stream()
                        .map(section -> new PaperSection(
                                section.type(),
                                section.pointsEach(),
                                section.items().stream()
                                        .map(item -> letters.containsKey(
                                                        item.question().id())
                                                ? rekeyed(
                                                        item,
                                                        letters.get(
                                                                item.question().id()))
                                                : item)
                                        .toList()))
                        .toList());
    }

    private static PaperItem rekeyed(PaperItem item, String letters) {
        Question q = item.question();
        QuestionContent c = q.content();
        try {
            QuestionContent content = new QuestionContent(
                    c.type(),
                    c.stem(),
                    c.imageRef(),
                    c.options(),
                    AnswerKey.ofLetters(letters),
                    c.knowledgePoints(),
                    c.difficulty(),
                    c.category(),
                    c.sourceLevel(),
                    c.fixedOptionOrder());
            return new PaperItem(
                    item.number(), new Question(q.id(), q.version(), q.status(), content), item.optionOrder());
        } catch (IllegalArgumentException e) { // InvalidQuestionException among them
            throw CorrectionErrors.KEY_DOES_NOT_FIT
                    .withDetail(q.id() + ": " + letters, q.id() + ": " + letters)
                    .exception();
        }
    }

    private static String write(Paper paper) {
        try {
            return PaperJson.write(paper);
        } catch (IOException e) {
            throw new UncheckedIOException("a corrected paper cannot be written", e);
        }
    }
}
