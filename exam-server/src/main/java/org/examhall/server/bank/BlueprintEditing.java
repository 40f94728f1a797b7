package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintProblem;
import org.examhall.bank.category.ExamCategory;
import org.examhall.bank.io.BlueprintJson;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Errors;

/**
 * 组卷规则 kept by the bureau: listed, read, created, replaced and deleted. Only a blueprint without
 * problems is stored; whether the bank can serve it is a separate question ({@link FeasibilityCheck}),
 * since a bureau may write the rule before the questions.
 */
public final class BlueprintEditing {

    private final Pool pool;
    private final AuditLog audit;
    private final BankStore store;

    public BlueprintEditing(Pool pool, AuditLog audit, BankStore store) {
        this.pool = pool;
        this.audit = audit;
        this.store = store;
    }

    public Future<JsonArray> list() {
        return BlueprintRows.list(pool).map(stored -> {
            JsonArray out = new JsonArray();
            stored.forEach(s -> out.add(summary(s)));
            return out;
        });
    }

    public Future<JsonObject> get(String id) {
        return BlueprintRows.find(pool, id)
                .map(found -> view(found.orElseThrow(BankErrors.BLUEPRINT_NOT_FOUND::exception)));
    }

    public Future<JsonObject> create(JsonObject body, Actor actor) {
        Blueprint blueprint = checked(BlueprintInput.read(body, null));
        return store.changeCatalog(tx -> BlueprintRows.insert(tx, blueprint, actor.name())
                        .compose(inserted -> {
                            if (!inserted) {
                                return Future.failedFuture(BankErrors.BLUEPRINT_EXISTS.exception());
                            }
                            return record(tx, actor, "bank.blueprint.created", blueprint);
                        }))
                .compose(x -> get(blueprint.id()));
    }

    public Future<JsonObject> replace(String id, JsonObject body, Actor actor) {
        Blueprint blueprint = checked(BlueprintInput.read(body, id));
        if (!blueprint.id().equals(id)) {
            throw Errors.invalid("请求体中的 id 与路径不一致", "the id in the body differs from the path");
        }
        return store.changeCatalog(tx -> BlueprintRows.update(tx, blueprint, actor.name())
                        .compose(revision -> revision.isEmpty()
                                ? Future.failedFuture(BankErrors.BLUEPRINT_NOT_FOUND.exception())
                                : record(tx, actor, "bank.blueprint.changed", blueprint)))
                .compose(x -> get(id));
    }

    /** Refused while an exam session that has not finished draws its papers from the blueprint. */
    public Future<Void> delete(String id, Actor actor) {
        return store.changeCatalog(tx -> inUse(tx, id).compose(used -> {
            if (used) {
                return Future.failedFuture(BankErrors.BLUEPRINT_IN_USE.exception());
            }
            return BlueprintRows.delete(tx, id)
                    .compose(deleted -> deleted
                            ? audit.append(
                                            tx,
                                            actor.entry("bank.blueprint.deleted", "blueprint:" + id, new JsonObject()))
                                    .<Void>mapEmpty()
                            : Future.failedFuture(BankErrors.BLUEPRINT_NOT_FOUND.exception()));
        }));
    }

    private Blueprint checked(Blueprint blueprint) {
        List<BlueprintProblem> problems = BlueprintInput.problems(blueprint, store.categories());
        if (!problems.isEmpty()) {
            throw BankErrors.withProblems(BankErrors.BLUEPRINT_INVALID, ProblemsJson.ofBlueprint(problems));
        }
        return blueprint;
    }

    private Future<Void> record(SqlConnection tx, Actor actor, String action, Blueprint blueprint) {
        return audit.append(
                        tx,
                        actor.entry(
                                action,
                                "blueprint:" + blueprint.id(),
                                new JsonObject().put("definition", new JsonObject(json(blueprint)))))
                .mapEmpty();
    }

    private static Future<Boolean> inUse(SqlConnection tx, String id) {
        return tx.preparedQuery("SELECT EXISTS (SELECT 1 FROM exam_session WHERE blueprint_id = $1"
                        + " AND state NOT IN ('CLOSED', 'SCORED'))")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    private JsonObject summary(BlueprintRows.Stored stored) {
        Blueprint blueprint = stored.blueprint();
        return new JsonObject()
                .put("id", blueprint.id())
                .put("title", blueprint.title())
                .put("category", blueprint.category())
                .put(
                        "categoryName",
                        store.categories()
                                .find(blueprint.category())
                                .map(ExamCategory::name)
                                .orElse(""))
                .put("durationMinutes", blueprint.durationMinutes())
                .put("totalPoints", blueprint.totalPoints().toPlainString())
                .put("passMark", blueprint.passMark().toPlainString())
                .put("questionCount", blueprint.questionCount())
                .put("revision", stored.revision())
                .put("updatedAt", stored.updatedAt())
                .put("updatedBy", stored.updatedBy());
    }

    private JsonObject view(BlueprintRows.Stored stored) {
        return summary(stored).put("definition", new JsonObject(json(stored.blueprint())));
    }

    static String json(Blueprint blueprint) {
        try {
            return BlueprintJson.write(blueprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
