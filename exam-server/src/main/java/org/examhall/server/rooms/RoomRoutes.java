package org.examhall.server.rooms;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.examhall.server.audit.Actor;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;

/** Sites, rooms and terminal enrolment: set up by the bureau, completed at each terminal. */
public final class RoomRoutes {

    private final Rooms rooms;

    public RoomRoutes(Rooms rooms) {
        this.rooms = rooms;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.GET,
                "/api/sites",
                Access.roles(Role.BUREAU_ADMIN, Role.PROCTOR),
                "Exam sites with rooms, terminal counts and approval",
                ctx -> rooms.overview().map(sites -> Reply.ok(new JsonObject().put("sites", sites))));
        api.add(
                HttpMethod.POST,
                "/api/sites",
                Access.roles(Role.BUREAU_ADMIN),
                "Create an exam site",
                this::createSite);
        api.add(
                HttpMethod.POST,
                "/api/sites/:id/rooms",
                Access.roles(Role.BUREAU_ADMIN),
                "Create a room at a site",
                this::createRoom);
        api.add(
                HttpMethod.POST,
                "/api/rooms/:id/enrol-codes",
                Access.roles(Role.BUREAU_ADMIN),
                "Issue one-time terminal enrolment codes for a range of seats",
                this::issueCodes);
        api.add(
                HttpMethod.POST,
                "/api/terminals/:id/disable",
                Access.roles(Role.BUREAU_ADMIN),
                "Disable a terminal",
                this::disable);
        api.add(
                HttpMethod.POST,
                "/api/terminal/enrol",
                Access.PUBLIC,
                "A terminal trades its one-time code for a device credential",
                this::enrol);
    }

    private Future<Reply> createSite(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String address = JsonBodies.optionalString(body, "address", 200);
        return rooms.createSite(
                        JsonBodies.requiredString(body, "name", 100), address == null ? "" : address, Actor.of(ctx))
                .map(Reply::created);
    }

    private Future<Reply> createRoom(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        return rooms.createRoom(Ids.path(ctx, "id"), JsonBodies.requiredString(body, "name", 100), Actor.of(ctx))
                .map(Reply::created);
    }

    private Future<Reply> issueCodes(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        int from = Ids.requiredInt(body, "fromSeat", 1, 500);
        int to = Ids.requiredInt(body, "toSeat", 1, 500);
        if (to < from || to - from >= 200) {
            throw Errors.invalid(
                    "座位范围须为 fromSeat ≤ toSeat，且一次最多 200 个",
                    "the seat range must have fromSeat ≤ toSeat and at most 200 seats");
        }
        return rooms.issueEnrolCodes(Ids.path(ctx, "id"), from, to, Actor.of(ctx))
                .map(codes -> Reply.created(new JsonObject().put("codes", codes)));
    }

    private Future<Reply> disable(RoutingContext ctx) {
        return rooms.disable(Ids.path(ctx, "id"), Actor.of(ctx)).map(x -> Reply.noContent());
    }

    private Future<Reply> enrol(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        return rooms.enrol(JsonBodies.requiredString(body, "code", 40), Actor.of(ctx))
                .map(Reply::created);
    }
}
