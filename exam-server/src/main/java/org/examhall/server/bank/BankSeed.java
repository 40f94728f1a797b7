package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;

/**
 * Loads a ready bank (its questions already active, its blueprints) into an empty bank, so that a node
 * can schedule sessions at once; the demo and the tests start from the library's demo bank this way. A
 * bank that holds anything is left alone, and so are blueprint ids that already exist.
 */
public final class BankSeed {

    private BankSeed() {}

    public static Future<Void> seed(
            BankStore store, AuditLog audit, QuestionBank ready, List<Blueprint> blueprints, Actor actor) {
        return store.changeQuestions(actor, bank -> bank.size() > 0 ? QuestionChange.none(bank, 0) : load(bank, ready))
                .compose(x -> store.changeCatalog(tx -> {
                    Future<Integer> added = Future.succeededFuture(0);
                    for (Blueprint blueprint : blueprints) {
                        added = added.compose(n -> BlueprintRows.insert(tx, blueprint, actor.name())
                                .map(inserted -> inserted ? n + 1 : n));
                    }
                    return added.compose(n -> n == 0
                            ? Future.succeededFuture()
                            : audit.append(
                                    tx,
                                    actor.entry(
                                            "bank.blueprints_seeded",
                                            "bank:blueprints",
                                            new JsonObject().put("count", n))));
                }))
                .mapEmpty();
    }

    private static QuestionChange<Integer> load(QuestionBank empty, QuestionBank ready) {
        QuestionBank next = QuestionBank.of(Math.max(empty.version() + 1, ready.version()), ready.allVersions());
        Set<String> ids = new LinkedHashSet<>();
        for (Question question : next.latestVersions()) {
            ids.add(question.id());
        }
        return QuestionChange.of(
                next,
                ids,
                new QuestionChange.Event(
                        "bank.seeded", "bank:questions", new JsonObject().put("questions", ids.size())),
                ids.size());
    }
}
