package org.examhall.server.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The door of a node with the product's face check (face recognition), on real photos: another
 * person fails, the enrolled photo sent back is refused as a replay, the candidate's own face in
 * another photo checks in, and extra frames bring a liveness hint into the reply.
 */
class FaceRecognitionCheckInTest {

    @Test
    void theDoorRecognisesFaces() {
        try (TestServer server =
                TestServer.start(config -> config.exam.faceCheck = ExamhallConfig.FaceCheck.FACE_RECOGNITION)) {
            TestServer.seedDemoBank(server.server());
            ExamRoom room = ExamRoom.create(server, 25);
            long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
            ExamRoom.Candidate cage = room.addCandidate(sessionId, "凯奇", LabelledFaces.bytes("cage.jpg"));
            ExamRoom.Candidate franck = room.addCandidate(sessionId, "弗兰克", LabelledFaces.bytes("franck_04000.jpg"));
            room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
            ApiClient door = room.proctor1.client();

            ok(
                    door.post(
                            "/api/sessions/" + sessionId + "/checkin/identify",
                            new JsonObject().put("idNumber", cage.idNumber())),
                    200);
            String cageFace = "/api/sittings/" + cage.sittingId() + "/face";
            JsonObject impostor = ok(door.post(cageFace, photo("obama4_crop.jpg")), 200);
            assertThat(impostor.getBoolean("checkedIn")).isFalse();
            assertThat(impostor.getJsonObject("face").getString("method")).isEqualTo(FaceRecognitionVerifier.METHOD);
            assertThat(impostor.getJsonObject("face").getBoolean("biometric")).isTrue();

            JsonObject replay = ok(door.post(cageFace, photo("cage.jpg")), 200);
            assertThat(replay.getBoolean("checkedIn")).isFalse();
            assertThat(replay.getJsonObject("face").getString("method")).isEqualTo(FaceRecognitionVerifier.REPLAY);
            assertThat(replay.getJsonObject("face").getString("reason")).contains("enrolled photo");
            assertThat(replay.getInteger("faceFailures")).isEqualTo(2);

            JsonObject admitted = ok(door.post(cageFace, photo("cage2_crop.jpg")), 200);
            assertThat(admitted.getBoolean("checkedIn")).as(admitted.encode()).isTrue();
            assertThat(admitted.getJsonObject("face").getBoolean("biometric")).isTrue();

            ok(
                    door.post(
                            "/api/sessions/" + sessionId + "/checkin/identify",
                            new JsonObject().put("idNumber", franck.idNumber())),
                    200);
            String franckFace = "/api/sittings/" + franck.sittingId() + "/face";
            assertCode(
                    door.post(franckFace, photo("franck_02045.jpg").put("photos", "not a list")),
                    400,
                    "VALIDATION_FAILED");
            JsonObject live = ok(
                    door.post(
                            franckFace,
                            photo("franck_02045.jpg")
                                    .put(
                                            "photos",
                                            new JsonArray()
                                                    .add(base64("franck_02159.jpg"))
                                                    .add(base64("franck_03979.jpg")))),
                    200);
            assertThat(live.getBoolean("checkedIn")).as(live.encode()).isTrue();
            assertThat(live.getJsonObject("face").getJsonObject("liveness").getInteger("frames"))
                    .isEqualTo(3);
            assertThat(live.getJsonObject("face").getJsonObject("liveness").getString("verdict"))
                    .isEqualTo("live-like");
        }
    }

    private static JsonObject photo(String file) {
        return new JsonObject().put("photo", base64(file));
    }

    private static String base64(String file) {
        return Base64.getEncoder().encodeToString(LabelledFaces.bytes(file));
    }
}
