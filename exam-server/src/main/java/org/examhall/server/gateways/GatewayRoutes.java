package org.examhall.server.gateways;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Locale;
import org.examhall.server.audit.Actor;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;
import org.examhall.server.http.StaffPrincipal;
import org.examhall.server.http.Times;
import org.examhall.server.sessions.ProctorAssignments;

/** Gateway registration, anomaly intake from gateways, and proctors' review of anomalies. */
public final class GatewayRoutes {

    private final Gateways gateways;
    private final Anomalies anomalies;
    private final ViewingTickets tickets;

    private final Pool pool;

    public GatewayRoutes(Pool pool, Gateways gateways, Anomalies anomalies, ViewingTickets tickets) {
        this.pool = pool;
        this.gateways = gateways;
        this.anomalies = anomalies;
        this.tickets = tickets;
    }

    public void register(ApiRouter api) {
        Access bureau = Access.roles(Role.BUREAU_ADMIN);
        Access watchers = Access.roles(Role.BUREAU_ADMIN, Role.PROCTOR);
        api.add(
                HttpMethod.POST,
                "/api/gateways",
                bureau,
                "Register a site's proctor gateway; its token is shown once",
                this::registerGateway);
        api.add(
                HttpMethod.GET,
                "/api/gateways",
                bureau,
                "Registered proctor gateways",
                ctx -> gateways.list().map(list -> Reply.ok(new JsonObject().put("gateways", list))));
        api.add(
                HttpMethod.POST,
                "/api/rooms/:id/camera",
                bureau,
                "Name the room's camera as its gateway knows it",
                this::camera);
        api.add(
                HttpMethod.POST,
                "/api/gateway/anomalies",
                Access.GATEWAY,
                "A gateway reports an anomaly (idempotent)",
                this::report);
        api.add(
                HttpMethod.GET,
                "/api/sessions/:id/anomalies",
                watchers,
                "Anomalies flagged in a session's room",
                ctx -> ProctorAssignments.requireIfProctor(pool, Ids.path(ctx, "id"), StaffPrincipal.required(ctx))
                        .compose(x -> anomalies.forSession(Ids.path(ctx, "id")))
                        .map(list -> Reply.ok(new JsonObject().put("anomalies", list))));
        api.add(
                HttpMethod.GET,
                "/api/gateway/viewing-key",
                Access.GATEWAY,
                "The gateway's id and the bureau's SM2 public key that signs viewing tickets",
                ctx -> gateways.authenticate(ctx).map(gateway -> Reply.ok(tickets.verificationKey(gateway))));
        api.add(
                HttpMethod.GET,
                "/api/sessions/:id/video",
                watchers,
                "Where the session room's video is served, with short-lived live and playback tickets for the session's window (audited)",
                ctx -> tickets.forSession(Ids.path(ctx, "id"), StaffPrincipal.required(ctx), Actor.of(ctx))
                        .map(Reply::ok));
        api.add(
                HttpMethod.POST,
                "/api/rooms/:id/video-tickets",
                Access.roles(Role.BUREAU_ADMIN, Role.AUDITOR),
                "A playback ticket for any range of a room's recording, at most 24 hours, with a reason (audited)",
                this::wideTicket);
        api.add(
                HttpMethod.POST,
                "/api/anomalies/:id/review",
                Access.roles(Role.PROCTOR),
                "Confirm (records an incident) or dismiss an anomaly, with a reason",
                this::review);
    }

    private Future<Reply> registerGateway(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String url = JsonBodies.requiredString(body, "publicUrl", 200);
        if (!url.matches("https?://[^\\s]+")) {
            throw Errors.invalid("publicUrl 必须是 http(s) 地址", "publicUrl must be an http(s) URL");
        }
        return gateways.register(
                        JsonBodies.requiredString(body, "name", 100),
                        Ids.requiredId(body, "siteId"),
                        url.replaceAll("/+$", ""),
                        Actor.of(ctx))
                .map(Reply::created);
    }

    private Future<Reply> camera(RoutingContext ctx) {
        String key = CameraKeys.require(JsonBodies.requiredString(JsonBodies.object(ctx), "cameraKey", 100));
        return gateways.setCamera(Ids.path(ctx, "id"), key, Actor.of(ctx)).map(Reply::ok);
    }

    private Future<Reply> report(RoutingContext ctx) {
        return gateways.authenticate(ctx).compose(gateway -> {
            JsonObject body = JsonBodies.object(ctx);
            String kind = JsonBodies.requiredString(body, "type", 40).toUpperCase(Locale.ROOT);
            if (!Anomalies.KINDS.contains(kind)) {
                throw GatewayErrors.UNKNOWN_ANOMALY_KIND.exception();
            }
            Object confidence = body.getValue("confidence");
            if (!(confidence instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
                throw Errors.invalid("confidence 必须在 0 到 1 之间", "confidence must be between 0 and 1");
            }
            String clipUrl = JsonBodies.optionalString(body, "clipUrl", 500);
            if (clipUrl != null && !ClipLinks.onGateway(clipUrl, gateway.publicUrl())) {
                throw GatewayErrors.CLIP_URL_NOT_ON_GATEWAY.exception();
            }
            Anomalies.Report report = new Anomalies.Report(
                    JsonBodies.requiredString(body, "room", 100),
                    kind,
                    Times.parse(JsonBodies.requiredString(body, "startedAt", 40)),
                    Times.parseOptional(JsonBodies.optionalString(body, "endedAt", 40)),
                    ((Number) confidence).doubleValue(),
                    clipUrl,
                    JsonBodies.optionalString(body, "detail", 1000),
                    JsonBodies.optionalString(body, "detailZh", 1000));
            return anomalies
                    .receive(gateway, report)
                    .map(out -> new Reply(out.getBoolean("duplicate") ? 200 : 201, out));
        });
    }

    private Future<Reply> wideTicket(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        VideoRange range = VideoRange.requested(
                Times.parse(JsonBodies.requiredString(body, "from", 40)),
                Times.parse(JsonBodies.requiredString(body, "to", 40)));
        return tickets.forRoom(
                        Ids.path(ctx, "id"),
                        range,
                        JsonBodies.requiredString(body, "reason", 500),
                        StaffPrincipal.required(ctx),
                        Actor.of(ctx))
                .map(Reply::ok);
    }

    private Future<Reply> review(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String decision = JsonBodies.requiredString(body, "decision", 20).toUpperCase(Locale.ROOT);
        if (!decision.equals("CONFIRM") && !decision.equals("DISMISS")) {
            throw Errors.invalid("decision 必须是 CONFIRM 或 DISMISS", "decision must be CONFIRM or DISMISS");
        }
        Long sittingId = body.getValue("sittingId") == null ? null : Ids.requiredId(body, "sittingId");
        return anomalies
                .review(
                        Ids.path(ctx, "id"),
                        decision.equals("CONFIRM"),
                        JsonBodies.requiredString(body, "reason", 500),
                        sittingId,
                        StaffPrincipal.required(ctx).staffId(),
                        Actor.of(ctx))
                .map(Reply::ok);
    }
}
