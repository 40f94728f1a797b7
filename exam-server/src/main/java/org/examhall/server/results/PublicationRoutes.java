package org.examhall.server.results;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.examhall.server.audit.Actor;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;

/**
 * Publication and corrections of results and a sitting's result versions. What they queue for the province
 * is sent at once ({@code wake}) rather than at the delivery worker's next poll.
 */
final class PublicationRoutes {

    private final Publishing publishing;
    private final Corrections corrections;
    private final SessionCorrections sessionCorrections;
    private final ResultHistory history;
    private final Runnable wake;

    PublicationRoutes(
            Publishing publishing,
            Corrections corrections,
            SessionCorrections sessionCorrections,
            ResultHistory history,
            Runnable wake) {
        this.publishing = publishing;
        this.corrections = corrections;
        this.sessionCorrections = sessionCorrections;
        this.history = history;
        this.wake = wake;
    }

    void register(ApiRouter api) {
        Access bureau = Access.roles(Role.BUREAU_ADMIN);
        api.add(
                HttpMethod.POST,
                "/api/sessions/:id/publish",
                bureau,
                "Publish a scored session's results and queue one SM2-signed result package per sitting for the province",
                ctx -> publishing
                        .publish(Ids.path(ctx, "id"), Actor.of(ctx))
                        .onSuccess(x -> wake.run())
                        .map(Reply::ok));
        api.add(
                HttpMethod.POST,
                "/api/sittings/:id/corrections",
                bureau,
                "Correct a published result (rescore with corrected keys, or void) with a reason; queues a new package version",
                ctx -> corrections
                        .correct(Ids.path(ctx, "id"), CorrectionRequest.parse(JsonBodies.object(ctx)), Actor.of(ctx))
                        .onSuccess(x -> wake.run())
                        .map(Reply::ok));
        api.add(
                HttpMethod.POST,
                "/api/sessions/:id/corrections",
                bureau,
                "Correct a wrong answer key on every published sitting of the session whose paper holds the question (or dry-run it)",
                this::correctSession);
        api.add(
                HttpMethod.GET,
                "/api/sittings/:id/corrections",
                bureau,
                "A sitting's result versions: the first publication and each correction with who, when, why and delivery status",
                ctx -> history.of(Ids.path(ctx, "id")).map(Reply::ok));
    }

    private Future<Reply> correctSession(RoutingContext ctx) {
        long sessionId = Ids.path(ctx, "id");
        JsonObject body = JsonBodies.object(ctx);
        CorrectionRequest request = CorrectionRequest.parseRescore(body);
        boolean dryRun = JsonBodies.optionalBoolean(body, "dryRun");
        return sessionCorrections
                .correct(sessionId, request, dryRun, Actor.of(ctx))
                .onSuccess(x -> {
                    if (!dryRun) {
                        wake.run();
                    }
                })
                .map(Reply::ok);
    }
}
