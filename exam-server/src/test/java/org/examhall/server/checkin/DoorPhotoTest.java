package org.examhall.server.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.Base64;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Candidates from a CSV list or the province often come without a photo. Such a candidate is not
 * stuck at the door: the photo taken there, with the ID card checked by two proctors, admits them
 * as doubtful and becomes their enrolled photo. Lists that do carry photos enrol them on import.
 */
class DoorPhotoTest {

    private final TestServer server = TestServer.shared();

    @Test
    void aCandidateWithoutAnEnrolledPhotoIsPhotographedAtTheDoorAndAdmittedByTwoProctors() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate chen = room.addCandidate(sessionId, "陈刚", null);
        ExamRoom.Candidate withPhoto = room.addCandidate(sessionId, "杨洋", Photos.person(61, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient door = room.proctor1.client();

        JsonObject found = identify(door, sessionId, chen);
        assertThat(found.getValue("enrolledPhoto")).isNull();
        assertThat(found.getBoolean("doorPhotoTaken")).isFalse();
        // Before the door photo there is nothing for two proctors to vouch for.
        assertCode(
                door.post("/api/sittings/" + chen.sittingId() + "/doubtful", new JsonObject()),
                409,
                "DOUBTFUL_NOT_ALLOWED");

        byte[] doorPhoto = Photos.person(60, 8);
        JsonObject taken = ok(
                door.post(
                        "/api/sittings/" + chen.sittingId() + "/face",
                        new JsonObject().put("photo", Base64.getEncoder().encodeToString(doorPhoto))),
                200);
        assertThat(taken.getBoolean("checkedIn")).isFalse();
        assertThat(taken.getBoolean("noEnrolledPhoto")).isTrue();
        assertThat(taken.getBoolean("doubtfulAdmissionAvailable")).isTrue();
        assertThat(identify(door, sessionId, chen).getBoolean("doorPhotoTaken")).isTrue();

        assertThat(ok(door.post("/api/sittings/" + chen.sittingId() + "/doubtful", new JsonObject()), 200)
                        .getBoolean("checkedIn"))
                .isFalse();
        assertCode(
                door.post("/api/sittings/" + chen.sittingId() + "/doubtful", new JsonObject()),
                409,
                "SECOND_PROCTOR_REQUIRED");
        JsonObject admitted = ok(
                room.proctor2.client().post("/api/sittings/" + chen.sittingId() + "/doubtful", new JsonObject()), 200);
        assertThat(admitted.getBoolean("checkedIn")).isTrue();
        assertThat(admitted.getBoolean("doubtful")).isTrue();

        // The door photo is now the enrolled one, for this and every later session.
        assertThat(identify(door, sessionId, chen).getString("enrolledPhoto"))
                .isEqualTo(Base64.getEncoder().encodeToString(doorPhoto));
        JsonObject inRecord =
                ok(door.get("/api/sessions/" + sessionId + "/room-record"), 200).getJsonArray("candidates").stream()
                        .map(JsonObject.class::cast)
                        .filter(c -> c.getLong("sittingId") == chen.sittingId())
                        .findFirst()
                        .orElseThrow();
        assertThat(inRecord.getBoolean("doubtful")).isTrue();
        assertThat(inRecord.getBoolean("photoEnrolledAtDoor")).isTrue();
        server.chainAudit();
        assertThat(TestServer.await(server.server()
                                .pool()
                                .preparedQuery("SELECT action FROM audit_log WHERE target = $1 ORDER BY seq")
                                .execute(Tuple.of("sitting:" + chen.sittingId())))
                        .stream()
                        .map(r -> r.getString("action"))
                        .toList())
                .contains("checkin.door_photo_taken", "checkin.photo_enrolled_at_door", "checkin.bound");

        // A candidate with an enrolled photo keeps the rule: three failed comparisons before the doubtful path.
        assertCode(
                door.post("/api/sittings/" + withPhoto.sittingId() + "/doubtful", new JsonObject()),
                409,
                "DOUBTFUL_NOT_ALLOWED");
    }

    @Test
    void photosNamedByIdNumberBesideTheCsvAreEnrolledAndBadOnesRefuseTheWholeImport() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        String withPhoto = ExamRoom.newIdNumber();
        String without = ExamRoom.newIdNumber();
        String csv = "姓名,身份证号\n吕佳," + withPhoto + "\n蒋涛," + without + "\n";
        String photo = Base64.getEncoder().encodeToString(Photos.person(70, 0));

        JsonObject bad = new JsonObject()
                .put("csv", csv)
                .put(
                        "photos",
                        new JsonObject()
                                .put(withPhoto.toLowerCase() + ".jpg", "bm90IGFuIGltYWdl")
                                .put(ExamRoom.newIdNumber() + ".png", photo));
        JsonObject refused = room.admin
                .post("/api/sessions/" + sessionId + "/candidates/import", bad)
                .bodyAsJsonObject();
        assertThat(refused.getString("code")).isEqualTo("IMPORT_REJECTED");
        JsonArray problems = refused.getJsonArray("problems");
        assertThat(problems).hasSize(2);
        assertThat(problems.getJsonObject(0).getInteger("row")).isEqualTo(2);
        assertThat(problems.getJsonObject(0).getInteger("column")).isEqualTo(4);
        assertThat(problems.getJsonObject(1).getString("en")).contains("matches no candidate");
        assertThat(ok(room.admin.get("/api/sessions/" + sessionId), 200).getLong("candidates"))
                .isZero();
        assertCode(
                room.admin.post(
                        "/api/sessions/" + sessionId + "/candidates/import",
                        new JsonObject().put("csv", csv).put("photos", new JsonArray())),
                400,
                "VALIDATION_FAILED");

        JsonObject good =
                new JsonObject().put("csv", csv).put("photos", new JsonObject().put(withPhoto + ".JPG", photo));
        JsonObject dryRun = ok(
                room.admin.post(
                        "/api/sessions/" + sessionId + "/candidates/import",
                        good.copy().put("dryRun", true)),
                200);
        assertThat(dryRun.getInteger("candidates")).isEqualTo(2);
        assertThat(dryRun.getInteger("withPhoto")).isEqualTo(1);
        JsonArray added = ok(room.admin.post("/api/sessions/" + sessionId + "/candidates/import", good), 200)
                .getJsonArray("added");
        assertThat(added.stream()
                        .map(JsonObject.class::cast)
                        .map(a -> a.getBoolean("photo"))
                        .toList())
                .containsExactly(true, false);

        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient door = room.proctor1.client();
        assertThat(ok(
                                door.post(
                                        "/api/sessions/" + sessionId + "/checkin/identify",
                                        new JsonObject().put("idNumber", withPhoto)),
                                200)
                        .getString("enrolledPhoto"))
                .isEqualTo(photo);
        assertThat(ok(
                                door.post(
                                        "/api/sessions/" + sessionId + "/checkin/identify",
                                        new JsonObject().put("idNumber", without)),
                                200)
                        .getValue("enrolledPhoto"))
                .isNull();
    }

    private static JsonObject identify(ApiClient door, long sessionId, ExamRoom.Candidate candidate) {
        return ok(
                door.post(
                        "/api/sessions/" + sessionId + "/checkin/identify",
                        new JsonObject().put("idNumber", candidate.idNumber())),
                200);
    }
}
