package org.examhall.server.checkin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.examhall.protocol.http.ApiException;
import org.examhall.server.audit.Actor;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;
import org.examhall.server.http.StaffPrincipal;
import org.examhall.server.pii.CandidatePhoto;
import org.examhall.server.pii.PersonRoutes;
import org.examhall.server.pii.ResidentIdNumber;

/** The proctor's check-in desk at the room door. */
public final class CheckInRoutes {

    private static final int MAX_PHOTO_CHARS = 800_000;
    private static final int MAX_EXTRA_FRAMES = 4;

    private final CheckIn checkIn;

    public CheckInRoutes(CheckIn checkIn) {
        this.checkIn = checkIn;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.POST,
                "/api/sessions/:id/checkin/identify",
                Access.roles(Role.PROCTOR),
                "Find a candidate of the session by ID number",
                this::identify);
        api.add(
                HttpMethod.POST,
                "/api/sittings/:id/face",
                Access.roles(Role.PROCTOR),
                "Compare the live photo with the enrolled one; a match checks the candidate in",
                this::face);
        api.add(
                HttpMethod.POST,
                "/api/sittings/:id/doubtful",
                Access.roles(Role.PROCTOR),
                "Confirm a doubtful admission (two different proctors needed)",
                this::doubtful);
    }

    private Future<Reply> identify(RoutingContext ctx) {
        ResidentIdNumber id = ResidentIdNumber.parse(JsonBodies.requiredString(JsonBodies.object(ctx), "idNumber", 32))
                .orElseThrow(PersonRoutes.INVALID_ID_NUMBER::exception);
        return checkIn.identify(
                        Ids.path(ctx, "id"), id, StaffPrincipal.required(ctx).staffId(), Actor.of(ctx))
                .map(Reply::ok);
    }

    private Future<Reply> face(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        List<byte[]> frames = new ArrayList<>();
        frames.add(CandidatePhoto.decode(JsonBodies.requiredString(body, "photo", MAX_PHOTO_CHARS)));
        frames.addAll(extraFrames(body));
        return checkIn.compareFace(
                        Ids.path(ctx, "id"),
                        frames,
                        StaffPrincipal.required(ctx).staffId(),
                        Actor.of(ctx))
                .map(Reply::ok);
    }

    /** Optional frames taken a moment after "photo", for the liveness hint. */
    private static List<byte[]> extraFrames(JsonObject body) {
        Object value = body.getValue("photos");
        if (value == null) {
            return List.of();
        }
        ApiException invalid = Errors.invalid(
                "字段 photos 必须是至多 " + MAX_EXTRA_FRAMES + " 张 Base64 照片的数组",
                "field photos must be an array of at most " + MAX_EXTRA_FRAMES + " Base64 photos");
        if (!(value instanceof JsonArray array) || array.size() > MAX_EXTRA_FRAMES) {
            throw invalid;
        }
        List<byte[]> frames = new ArrayList<>();
        for (Object frame : array) {
            if (!(frame instanceof String base64) || base64.length() > MAX_PHOTO_CHARS) {
                throw invalid;
            }
            frames.add(CandidatePhoto.decode(base64));
        }
        return frames;
    }

    private Future<Reply> doubtful(RoutingContext ctx) {
        return checkIn.confirmDoubtful(
                        Ids.path(ctx, "id"), StaffPrincipal.required(ctx).staffId(), Actor.of(ctx))
                .map(Reply::ok);
    }
}
