package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;

/** 组卷规则: kept, checked against the bank while being written, and tried out on a sample paper. */
final class BlueprintRoutes {

    private static final SecureRandom SEEDS = new SecureRandom();

    private final Vertx vertx;
    private final BankStore store;
    private final BlueprintEditing editing;
    private final AuditLog audit;

    BlueprintRoutes(Vertx vertx, BankStore store, BlueprintEditing editing, AuditLog audit) {
        this.vertx = vertx;
        this.store = store;
        this.editing = editing;
        this.audit = audit;
    }

    void register(ApiRouter api, Access access) {
        api.add(HttpMethod.GET, "/api/bank/blueprints", access, "List blueprints", this::list);
        api.add(HttpMethod.POST, "/api/bank/blueprints", access, "Create a blueprint", this::create);
        api.add(
                HttpMethod.POST,
                "/api/bank/blueprints/feasibility",
                access,
                "Check a draft blueprint against the current bank (constraints, exposure)",
                this::feasibility);
        api.add(HttpMethod.GET, "/api/bank/blueprints/:id", access, "One blueprint", this::get);
        api.add(HttpMethod.PUT, "/api/bank/blueprints/:id", access, "Replace a blueprint", this::replace);
        api.add(
                HttpMethod.DELETE,
                "/api/bank/blueprints/:id",
                access,
                "Delete a blueprint no open session uses",
                this::delete);
        api.add(
                HttpMethod.POST,
                "/api/bank/blueprints/:id/preview",
                access,
                "Draw a sample paper with answer keys (bureau only)",
                this::preview);
    }

    private Future<Reply> list(RoutingContext ctx) {
        return editing.list().map(list -> Reply.ok(new JsonObject().put("blueprints", list)));
    }

    private Future<Reply> get(RoutingContext ctx) {
        return editing.get(RequestValues.code(ctx, "id")).map(Reply::ok);
    }

    private Future<Reply> create(RoutingContext ctx) {
        return editing.create(JsonBodies.object(ctx), Actor.of(ctx)).map(Reply::created);
    }

    private Future<Reply> replace(RoutingContext ctx) {
        return editing.replace(RequestValues.code(ctx, "id"), JsonBodies.object(ctx), Actor.of(ctx))
                .map(Reply::ok);
    }

    private Future<Reply> delete(RoutingContext ctx) {
        return editing.delete(RequestValues.code(ctx, "id"), Actor.of(ctx)).map(x -> Reply.noContent());
    }

    /** Body: the draft blueprint, optionally under "blueprint" with "measureLimit" beside it. */
    private Future<Reply> feasibility(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        JsonObject draft = body.getValue("blueprint") instanceof JsonObject nested ? nested : body;
        int limit = body.getValue("measureLimit") == null
                ? FeasibilityCheck.DEFAULT_MEASURE_LIMIT
                : Ids.requiredInt(body, "measureLimit", 0, FeasibilityCheck.MAX_MEASURE_LIMIT);
        Blueprint blueprint = BlueprintInput.read(draft, "draft");
        return store.latest()
                .compose(snapshot -> vertx.executeBlocking(
                        () -> FeasibilityCheck.report(blueprint, snapshot.bank(), snapshot.categories(), limit), false))
                .map(Reply::ok);
    }

    /** Body (optional): {"seed": number or decimal string}; a random seed otherwise. */
    private Future<Reply> preview(RoutingContext ctx) {
        String id = RequestValues.code(ctx, "id");
        long seed = seed(RequestValues.optionalBody(ctx));
        Actor actor = Actor.of(ctx);
        return store.latest()
                .compose(snapshot -> {
                    Blueprint blueprint = snapshot.blueprints().get(id);
                    if (blueprint == null) {
                        return Future.failedFuture(BankErrors.BLUEPRINT_NOT_FOUND.exception());
                    }
                    return vertx.executeBlocking(() -> PaperPreview.draw(blueprint, snapshot.bank(), seed), false);
                })
                .compose(paper -> audit.append(actor.entry(
                                "bank.paper_previewed",
                                "blueprint:" + id,
                                new JsonObject()
                                        .put("seed", String.valueOf(seed))
                                        .put("bankVersion", paper.getLong("bankVersion"))))
                        .map(x -> Reply.ok(paper)));
    }

    private static long seed(JsonObject body) {
        Object seed = body.getValue("seed");
        if (seed == null) {
            return SEEDS.nextLong() & Long.MAX_VALUE;
        }
        try {
            if (seed instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
                return number.longValue();
            }
            if (seed instanceof String text) {
                return Long.parseLong(text.trim());
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Errors.invalid("seed 须为整数", "seed must be a whole number");
    }
}
