package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.examhall.bank.io.BankImport;
import org.examhall.bank.io.DuplicatePolicy;
import org.examhall.bank.io.ImportMode;
import org.examhall.bank.io.ImportResult;
import org.examhall.bank.io.ParsedBatch;
import org.examhall.bank.io.ParsedRow;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionRef;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.bank.question.StatusTransitionException;
import org.examhall.server.audit.Actor;

/**
 * Writing single questions: a new draft, an edit (a new version once a version has been active,
 * so papers keep the text they were drawn with), and moves through draft → reviewed → active →
 * retired, one at a time or as a batch that succeeds or fails whole.
 */
public final class QuestionEditing {

    /** One question to move; a null version means its newest. */
    public record Target(String id, Integer version) {}

    private final BankStore store;

    public QuestionEditing(BankStore store) {
        this.store = store;
    }

    /** @return the new question's id and version */
    public Future<QuestionRef> create(JsonObject body, Actor actor) {
        return store.changeQuestions(actor, bank -> {
            QuestionContent content = QuestionInput.read(body, store.categories());
            ParsedBatch batch = new ParsedBatch(List.of(new ParsedRow(1, content)), List.of(), "stem", null);
            ImportResult result =
                    BankImport.apply(bank, batch, ImportMode.APPLY, DuplicatePolicy.REFUSE, content.category());
            if (!result.applied()) {
                throw BankErrors.withProblems(BankErrors.QUESTION_INVALID, ProblemsJson.ofQuestion(result.problems()));
            }
            Set<String> added = QuestionChange.added(bank, result.bank());
            QuestionRef ref =
                    result.bank().latest(added.iterator().next()).orElseThrow().ref();
            return QuestionChange.of(result.bank(), added, event("bank.question.created", ref, new JsonObject()), ref);
        });
    }

    /**
     * @return the version that now holds the edit: a new one when the newest had been active or
     *     retired, otherwise the newest, replaced (it can be on no paper)
     */
    public Future<QuestionRef> edit(String id, JsonObject body, Actor actor) {
        return store.changeQuestions(actor, bank -> {
            Question latest = bank.latest(id).orElseThrow(BankErrors.QUESTION_NOT_FOUND::exception);
            QuestionContent content = QuestionInput.read(body, store.categories());
            QuestionBank next = bank.revise(id, content);
            Question revised = next.latest(id).orElseThrow();
            JsonObject details = new JsonObject()
                    .put("previousVersion", latest.version())
                    .put("newVersion", revised.version() != latest.version());
            return QuestionChange.of(
                    next, Set.of(id), event("bank.question.edited", revised.ref(), details), revised.ref());
        });
    }

    /** Moves one version; activating it retires the version that was active before. */
    public Future<QuestionRef> transition(Target target, QuestionStatus next, Actor actor) {
        return transition(List.of(target), next, actor).map(refs -> refs.get(0));
    }

    /** Moves every target, or none of them: the refusal lists every target that cannot move. */
    public Future<List<QuestionRef>> transition(List<Target> targets, QuestionStatus next, Actor actor) {
        return store.changeQuestions(actor, bank -> {
            QuestionBank changed = bank;
            List<QuestionRef> moved = new ArrayList<>();
            Set<String> touched = new LinkedHashSet<>();
            JsonArray refused = new JsonArray();
            JsonArray from = new JsonArray();
            for (Target target : targets) {
                Question question = find(changed, target);
                if (question == null) {
                    refused.add(refusal(target, "试题或版本不存在", "no such question or version"));
                    continue;
                }
                try {
                    changed = changed.transition(question.ref(), next);
                    moved.add(question.ref());
                    touched.add(question.id());
                    from.add(question.status().name());
                } catch (StatusTransitionException e) {
                    refused.add(refusal(target, e.text().zh(), e.text().en()));
                }
            }
            if (!refused.isEmpty()) {
                throw BankErrors.withProblems(
                        targets.size() == 1 && find(bank, targets.get(0)) == null
                                ? BankErrors.QUESTION_NOT_FOUND
                                : BankErrors.STATUS_CHANGE_REFUSED,
                        refused);
            }
            JsonObject details = new JsonObject().put("to", next.name());
            QuestionChange.Event event;
            if (moved.size() == 1) {
                event = event("bank.question.status_changed", moved.get(0), details.put("from", from.getString(0)));
            } else {
                JsonArray refs = new JsonArray();
                moved.forEach(ref -> refs.add(ref.toString()));
                event = new QuestionChange.Event(
                        "bank.questions.status_changed",
                        "bank:questions",
                        details.put("count", moved.size()).put("questions", refs));
            }
            return QuestionChange.of(changed, touched, event, moved);
        });
    }

    private static Question find(QuestionBank bank, Target target) {
        return (target.version() == null
                        ? bank.latest(target.id())
                        : bank.find(new QuestionRef(target.id(), target.version())))
                .orElse(null);
    }

    private static JsonObject refusal(Target target, String zh, String en) {
        return new JsonObject()
                .put("id", target.id())
                .put("version", target.version())
                .put("zh", zh)
                .put("en", en);
    }

    private static QuestionChange.Event event(String action, QuestionRef ref, JsonObject details) {
        return new QuestionChange.Event(action, "question:" + ref.id(), details.put("version", ref.version()));
    }
}
