package org.examhall.server.gateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * exam-server witnesses the heads of a gateway's day indexes: a head moves only forward, a resend is
 * idempotent, and a head that would move it back is refused with 409, kept, audited as a tamper signal and
 * shown to bureau admins, while the witnessed head stays.
 */
class ArchiveHeadWitnessTest {

    private static final String H2 = "2".repeat(64);
    private static final String H4 = "4".repeat(64);
    private final TestServer server = TestServer.shared();

    @Test
    void headsOnlyMoveForwardAndABackwardsHeadIsRefusedAuditedAndShown() {
        ExamRoom room = ExamRoom.create(server, 1);
        JsonObject gateway = room.registerGateway();
        ApiClient gw = server.client().withHeader("Authorization", "Bearer " + gateway.getString("token"));
        String camera = TestServer.uniqueName("room");
        String target = "gateway:" + gateway.getLong("id") + "/camera:" + camera;

        assertCode(gw.get("/api/gateway/archive-heads?camera=" + camera), 404, "ARCHIVE_HEAD_NOT_FOUND");
        assertThat(ok(gw.post("/api/gateway/archive-heads", head(camera, 2, H2)), 201)
                        .getBoolean("duplicate"))
                .isFalse();
        // The gateway did not hear the answer and sends again: nothing changes, nothing is audited twice.
        assertThat(ok(gw.post("/api/gateway/archive-heads", head(camera, 2, H2)), 200)
                        .getBoolean("duplicate"))
                .isTrue();
        ok(gw.post("/api/gateway/archive-heads", head(camera, 4, H4)), 201);

        // Someone cut the index back to entry 2 and the gateway reports from there; or rewrote entry 4.
        assertCode(gw.post("/api/gateway/archive-heads", head(camera, 2, H2)), 409, "ARCHIVE_HEAD_BACKWARDS");
        assertCode(
                gw.post("/api/gateway/archive-heads", head(camera, 4, "f".repeat(64))), 409, "ARCHIVE_HEAD_BACKWARDS");

        JsonObject witnessed = ok(gw.get("/api/gateway/archive-heads?camera=" + camera), 200);
        assertThat(witnessed.getLong("seq")).isEqualTo(4);
        assertThat(witnessed.getString("hash")).isEqualTo(H4);
        assertThat(witnessed.getString("day")).isEqualTo("2026-03-04");
        assertThat(witnessed.getJsonArray("history"))
                .isEqualTo(new JsonArray()
                        .add(new JsonArray().add(2).add(H2))
                        .add(new JsonArray().add(4).add(H4)));

        List<Row> audited = TestServer.await(server.server()
                        .pool()
                        .preparedQuery(
                                "SELECT action, actor, details::text AS details FROM audit_trail WHERE target = $1 ORDER BY occurred_at")
                        .execute(Tuple.of(target)))
                .stream()
                .toList();
        assertThat(audited)
                .extracting(r -> r.getString("action"))
                .containsExactlyInAnyOrder(
                        "archive_head.witnessed",
                        "archive_head.witnessed",
                        "archive_head.refused",
                        "archive_head.refused");
        assertThat(audited)
                .filteredOn(r -> r.getString("action").equals("archive_head.refused"))
                .allSatisfy(r -> assertThat(r.getString("details"))
                        .contains("tamperSignal")
                        .contains(H4));
        assertThat(audited)
                .allSatisfy(r -> assertThat(r.getString("actor")).isEqualTo("gateway:" + gateway.getString("name")));

        JsonObject overview = ok(room.admin.get("/api/archive-heads"), 200);
        JsonObject listed = overview.getJsonArray("heads").stream()
                .map(JsonObject.class::cast)
                .filter(h -> h.getString("camera").equals(camera))
                .findFirst()
                .orElseThrow();
        assertThat(listed.getLong("seq")).isEqualTo(4);
        assertThat(listed.getLong("refusals")).isEqualTo(2);
        assertThat(listed.getString("gateway")).isEqualTo(gateway.getString("name"));
        JsonArray refusals = overview.getJsonArray("refusals");
        assertThat(refusals.stream()
                        .map(JsonObject.class::cast)
                        .filter(r -> r.getString("camera").equals(camera)))
                .extracting(r -> r.getLong("offeredSeq"))
                .containsExactlyInAnyOrder(2L, 4L);
    }

    @Test
    void badHeadsAreRefusedWithoutChangingAnythingAndEachGatewaySeesOnlyItsOwn() {
        ExamRoom room = ExamRoom.create(server, 1);
        ApiClient gw = server.client()
                .withHeader("Authorization", "Bearer " + room.registerGateway().getString("token"));
        ApiClient other = server.client()
                .withHeader("Authorization", "Bearer " + room.registerGateway().getString("token"));
        String camera = TestServer.uniqueName("room");

        assertCode(gw.post("/api/gateway/archive-heads", head(camera, 3, "not-a-hash")), 400, "VALIDATION_FAILED");
        assertCode(gw.post("/api/gateway/archive-heads", head(camera, 0, H2)), 400, "VALIDATION_FAILED");
        assertCode(gw.post("/api/gateway/archive-heads", head("room 1/..", 3, H2)), 400, "VALIDATION_FAILED");
        assertCode(
                gw.post("/api/gateway/archive-heads", head(camera, 3, H2).put("day", "yesterday")),
                400,
                "VALIDATION_FAILED");
        assertCode(
                gw.post("/api/gateway/archive-heads", head(camera, 3, H2).put("at", "noon")), 400, "VALIDATION_FAILED");
        assertCode(gw.get("/api/gateway/archive-heads"), 400, "VALIDATION_FAILED");
        assertCode(
                server.client()
                        .withHeader("Authorization", "Bearer nope")
                        .post("/api/gateway/archive-heads", head(camera, 3, H2)),
                401,
                "GATEWAY_TOKEN_INVALID");
        assertCode(gw.get("/api/gateway/archive-heads?camera=" + camera), 404, "ARCHIVE_HEAD_NOT_FOUND");

        ok(gw.post("/api/gateway/archive-heads", head(camera, 3, H2).putNull("day")), 201);
        assertCode(other.get("/api/gateway/archive-heads?camera=" + camera), 404, "ARCHIVE_HEAD_NOT_FOUND");
        // The same camera name at another gateway is another archive: its heads start afresh.
        ok(other.post("/api/gateway/archive-heads", head(camera, 1, H4)), 201);
        assertThat(ok(gw.get("/api/gateway/archive-heads?camera=" + camera), 200)
                        .getLong("seq"))
                .isEqualTo(3);
    }

    private static JsonObject head(String camera, long seq, String hash) {
        return new JsonObject()
                .put("site", "county-01")
                .put("camera", camera)
                .put("seq", seq)
                .put("hash", hash)
                .put("day", "2026-03-0" + Math.max(1, Math.min(9, seq)))
                .put("at", "2026-03-04T02:00:00.123Z");
    }
}
