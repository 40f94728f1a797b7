package org.examhall.server.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The door's face check as an attacker would try it, on the fallback picture-similarity check the
 * shared test node runs (the face-recognition check refuses the same, see FaceRecognitionCheckInTest):
 * the enrolled photo that identify returns, sent back as the live one, and a burst of comparisons
 * in parallel to get more than three tries.
 */
class FaceCheckAttackTest {

    private final TestServer server = TestServer.shared();

    @Test
    void theEnrolledPhotoSentBackOrCopiedIsRefusedAsAReplay() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate feng = room.addCandidate(sessionId, "冯刚", Photos.person(191, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient door = room.proctor1.client();
        String enrolled = ok(
                        door.post(
                                "/api/sessions/" + sessionId + "/checkin/identify",
                                new JsonObject().put("idNumber", feng.idNumber())),
                        200)
                .getString("enrolledPhoto");

        JsonObject sentBack = face(door, feng, enrolled);
        assertThat(sentBack.getBoolean("checkedIn")).isFalse();
        assertThat(sentBack.getJsonObject("face").getString("method")).isEqualTo("replay-refused");
        assertThat(sentBack.getInteger("faceFailures")).isEqualTo(1);

        BufferedImage picture =
                ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(enrolled)));
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        ImageIO.write(picture, "jpg", copy);
        JsonObject copied = face(door, feng, Base64.getEncoder().encodeToString(copy.toByteArray()));
        assertThat(copied.getBoolean("checkedIn")).isFalse();
        assertThat(copied.getJsonObject("face").getString("method")).isEqualTo("replay-refused");

        // The candidate in person (a capture with the camera's own noise) is still admitted.
        assertThat(face(door, feng, Base64.getEncoder().encodeToString(Photos.person(191, 10)))
                        .getBoolean("checkedIn"))
                .isTrue();
    }

    @Test
    void comparisonsSentInParallelGetThreeTriesAndNoMore() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate chu = room.addCandidate(sessionId, "褚明", Photos.person(192, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        ApiClient door = room.proctor1.client();
        ok(
                door.post(
                        "/api/sessions/" + sessionId + "/checkin/identify",
                        new JsonObject().put("idNumber", chu.idNumber())),
                200);

        ExecutorService pool = Executors.newFixedThreadPool(10);
        Map<Integer, Integer> statuses = new TreeMap<>();
        try {
            List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String someoneElse = Base64.getEncoder().encodeToString(Photos.person(2000 + i, 0));
                sent.add(pool.submit(() -> door.post(
                        "/api/sittings/" + chu.sittingId() + "/face", new JsonObject().put("photo", someoneElse))));
            }
            for (Future<HttpResponse<Buffer>> response : sent) {
                statuses.merge(response.get().statusCode(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).isEqualTo(Map.of(200, 3, 409, 7));
        assertThat(TestServer.await(server.server()
                                .pool()
                                .preparedQuery("SELECT face_failures FROM sitting WHERE id = $1")
                                .execute(Tuple.of(chu.sittingId())))
                        .iterator()
                        .next()
                        .getInteger("face_failures"))
                .isEqualTo(3);
    }

    private static JsonObject face(ApiClient door, ExamRoom.Candidate candidate, String photo) {
        return ok(
                door.post("/api/sittings/" + candidate.sittingId() + "/face", new JsonObject().put("photo", photo)),
                200);
    }
}
