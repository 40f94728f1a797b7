package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.examhall.bank.question.QuestionRef;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.bank.question.QuestionType;
import org.examhall.server.audit.Actor;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;

/** Browsing, writing and reviewing questions. */
final class QuestionRoutes {

    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_BATCH = 1_000;

    private final QuestionSearch search;
    private final QuestionEditing editing;
    private final ItemAnalysisService analysis;

    QuestionRoutes(QuestionSearch search, QuestionEditing editing, ItemAnalysisService analysis) {
        this.search = search;
        this.editing = editing;
        this.analysis = analysis;
    }

    void register(ApiRouter api, Access access) {
        api.add(
                HttpMethod.GET,
                "/api/bank/questions",
                access,
                "Browse questions (newest versions) by category, type, knowledge point, difficulty, status, text, review flags",
                this::page);
        api.add(HttpMethod.POST, "/api/bank/questions", access, "Write a new question (a draft)", this::create);
        api.add(HttpMethod.GET, "/api/bank/questions/:id", access, "One question with every version", this::versions);
        api.add(
                HttpMethod.PUT,
                "/api/bank/questions/:id",
                access,
                "Edit a question (a new version once a version has been active)",
                this::edit);
        api.add(
                HttpMethod.POST,
                "/api/bank/questions/:id/status",
                access,
                "Move a question version to REVIEWED, ACTIVE, RETIRED or back to DRAFT",
                this::transition);
        api.add(
                HttpMethod.POST,
                "/api/bank/questions/status",
                access,
                "Move many question versions at once, all or none",
                this::transitionMany);
    }

    /** Each question carries the review flags item analysis gave its versions ({@code reviewFlags}). */
    private Future<Reply> page(RoutingContext ctx) {
        QuestionStatus status = RequestValues.constant(ctx, "status", QuestionStatus.class);
        Integer importId = RequestValues.integer(ctx, "importId", 1, Integer.MAX_VALUE);
        boolean flaggedOnly = "true".equalsIgnoreCase(RequestValues.text(ctx, "flagged", 5));
        Integer page = RequestValues.integer(ctx, "page", 1, 1_000_000);
        Integer size = RequestValues.integer(ctx, "size", 1, MAX_PAGE_SIZE);
        return analysis.report().compose(report -> {
            Map<String, JsonArray> flags = ItemAnalysisJson.flagsByQuestion(report);
            QuestionSearch.Filter filter = new QuestionSearch.Filter(
                    RequestValues.text(ctx, "category", 64),
                    RequestValues.constant(ctx, "type", QuestionType.class),
                    RequestValues.text(ctx, "knowledgePoint", 100),
                    RequestValues.integer(ctx, "difficulty", 1, 5),
                    status == null ? null : status.name(),
                    RequestValues.text(ctx, "q", 200),
                    importId == null ? null : importId.longValue(),
                    flaggedOnly ? List.copyOf(flags.keySet()) : null);
            return search.page(filter, page == null ? 1 : page, size == null ? 20 : size)
                    .map(result -> {
                        result.getJsonArray("items")
                                .forEach(item -> ((JsonObject) item)
                                        .put(
                                                "reviewFlags",
                                                flags.getOrDefault(
                                                        ((JsonObject) item).getString("id"), new JsonArray())));
                        return Reply.ok(result);
                    });
        });
    }

    private Future<Reply> create(RoutingContext ctx) {
        return editing.create(JsonBodies.object(ctx), Actor.of(ctx)).map(ref -> Reply.created(refJson(ref)));
    }

    private Future<Reply> versions(RoutingContext ctx) {
        String id = RequestValues.code(ctx, "id");
        return search.versions(id).map(versions -> {
            if (versions.isEmpty()) {
                throw BankErrors.QUESTION_NOT_FOUND.exception();
            }
            return Reply.ok(new JsonObject().put("id", id).put("versions", new JsonArray(new ArrayList<>(versions))));
        });
    }

    private Future<Reply> edit(RoutingContext ctx) {
        String id = RequestValues.code(ctx, "id");
        return editing.edit(id, JsonBodies.object(ctx), Actor.of(ctx)).map(ref -> Reply.ok(refJson(ref)));
    }

    private Future<Reply> transition(RoutingContext ctx) {
        String id = RequestValues.code(ctx, "id");
        JsonObject body = JsonBodies.object(ctx);
        QuestionStatus next = status(body);
        Integer version =
                body.getValue("version") == null ? null : Ids.requiredInt(body, "version", 1, Integer.MAX_VALUE);
        return editing.transition(new QuestionEditing.Target(id, version), next, Actor.of(ctx))
                .map(ref -> Reply.ok(refJson(ref).put("status", next.name())));
    }

    private Future<Reply> transitionMany(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        QuestionStatus next = status(body);
        if (!(body.getValue("items") instanceof JsonArray items) || items.isEmpty() || items.size() > MAX_BATCH) {
            throw Errors.invalid(
                    "items 须为 1–" + MAX_BATCH + " 道试题的列表", "items must list 1 to " + MAX_BATCH + " questions");
        }
        List<QuestionEditing.Target> targets = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof JsonObject target) || !(target.getValue("id") instanceof String id)) {
                throw Errors.invalid("items 的每一项须为 {\"id\", \"version\"}", "each item must be {\"id\", \"version\"}");
            }
            Integer version = target.getValue("version") == null
                    ? null
                    : Ids.requiredInt(target, "version", 1, Integer.MAX_VALUE);
            targets.add(new QuestionEditing.Target(id, version));
        }
        return editing.transition(targets, next, Actor.of(ctx)).map(refs -> {
            JsonArray moved = new JsonArray();
            refs.forEach(ref -> moved.add(refJson(ref)));
            return Reply.ok(new JsonObject()
                    .put("status", next.name())
                    .put("count", refs.size())
                    .put("items", moved));
        });
    }

    private static QuestionStatus status(JsonObject body) {
        return RequestValues.constant(JsonBodies.requiredString(body, "status", 20), "status", QuestionStatus.class);
    }

    private static JsonObject refJson(QuestionRef ref) {
        return new JsonObject().put("id", ref.id()).put("version", ref.version());
    }
}
