package org.examhall.server.institutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.junit.jupiter.api.Test;

/**
 * Retakes, played through two real sessions: one retake per application and only for those who
 * failed; a pass stays valid 12 months; after a failed retake only a new training (a new class)
 * leads to a new application.
 */
class ApplicationRetakeTest {

    @Test
    void oneRetakeForThoseWhoFailedThenTrainAgain() {
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        ApiClient contact = school.contact();
        InstitutionFixture.Trainee passer = InstitutionFixture.trainee(contact, "陈刚");
        InstitutionFixture.Trainee failer = InstitutionFixture.trainee(contact, "周敏");
        Map<InstitutionFixture.Trainee, Integer> hours = new LinkedHashMap<>();
        hours.put(passer, 40);
        hours.put(failer, 40);
        long classId = InstitutionFixture.trainedClass(contact, hours);
        long original = InstitutionFixture.submitted(contact, classId);

        // No retake before the original's results are published, and the list says so.
        assertCode(
                contact.post("/api/applications", new JsonObject().put("retakeOf", original)),
                409,
                "RETAKE_NOT_ALLOWED");
        assertThat(listed(contact, original).getBoolean("retakeAllowed")).isFalse();

        InstitutionFixture.approve(bureau, original);
        ExamRoom room = InstitutionFixture.room();
        long first = room.scheduleSession(InstitutionFixture.BLUEPRINT, null, false);
        ok(bureau.post("/api/applications/" + original + "/assign", new JsonObject().put("sessionId", first)), 200);
        InstitutionFixture.runToScored(room, first, List.of(passer, failer), List.of(passer));
        // Held but not published: 已考试, and still no retake (the institution cannot know who failed yet).
        assertThat(listed(contact, original).getString("stage")).isEqualTo("EXAMINED");
        assertThat(listed(contact, original).getBoolean("retakeAllowed")).isFalse();
        ok(room.admin.post("/api/sessions/" + first + "/publish", new JsonObject()), 200);
        assertThat(listed(contact, original).getString("stage")).isEqualTo("PUBLISHED");
        assertThat(listed(contact, original).getJsonObject("session").getLong("id"))
                .isEqualTo(first);
        assertThat(listed(contact, original).getBoolean("retakeAllowed")).isTrue();

        JsonArray roster = ok(contact.get("/api/applications/" + original), 200).getJsonArray("roster");
        assertThat(passed(roster, passer)).isTrue();
        assertThat(passed(roster, failer)).isFalse();

        // The passer cannot retake, nor be put up again for the item while the pass is valid (even from a new class).
        assertRefusal(
                contact.post(
                        "/api/applications",
                        new JsonObject().put("retakeOf", original).put("traineeIds", new JsonArray().add(passer.id()))),
                "RETAKE_NOT_ALLOWED",
                passer);
        long secondClass = InstitutionFixture.trainedClass(contact, Map.of(passer, 40));
        assertRefusal(
                contact.post("/api/applications", new JsonObject().put("classId", secondClass)),
                "PASS_STILL_VALID",
                passer);

        // The failer retakes once (by default the retake lists everyone who failed).
        JsonObject retake = ok(contact.post("/api/applications", new JsonObject().put("retakeOf", original)), 201);
        assertThat(retake.getLong("retakeOf")).isEqualTo(original);
        assertThat(retake.getJsonArray("roster").stream().map(r -> ((JsonObject) r).getLong("traineeId")))
                .containsExactly(failer.id());
        assertCode(
                contact.post("/api/applications", new JsonObject().put("retakeOf", original)),
                409,
                "RETAKE_NOT_ALLOWED");
        assertThat(listed(contact, original).getBoolean("retakeAllowed")).isFalse();
        // Nor may the original class be used for a second first attempt.
        assertRefusal(
                contact.post(
                        "/api/applications",
                        new JsonObject().put("classId", classId).put("traineeIds", new JsonArray().add(failer.id()))),
                "ALREADY_APPLIED",
                failer);

        long retakeId = retake.getLong("id");
        ok(InstitutionFixture.upload(contact, retakeId, "shebao.pdf", InstitutionFixture.pdf()), 201);
        ok(contact.post("/api/applications/" + retakeId + "/submit", new JsonObject()), 200);
        InstitutionFixture.approve(bureau, retakeId);
        long second = room.scheduleSession(InstitutionFixture.BLUEPRINT, null, false);
        ok(bureau.post("/api/applications/" + retakeId + "/assign", new JsonObject().put("sessionId", second)), 200);
        InstitutionFixture.runToPublished(room, second, List.of(failer), List.of());
        assertThat(passed(ok(contact.get("/api/applications/" + retakeId), 200).getJsonArray("roster"), failer))
                .isFalse();

        // After a failed retake: no retake of the retake, no new application from the old class; a new class is the
        // way.
        assertCode(
                contact.post("/api/applications", new JsonObject().put("retakeOf", retakeId)),
                409,
                "RETAKE_NOT_ALLOWED");
        assertThat(listed(contact, retakeId).getString("stage")).isEqualTo("PUBLISHED");
        assertThat(listed(contact, retakeId).getBoolean("retakeAllowed")).isFalse();
        assertRefusal(
                contact.post(
                        "/api/applications",
                        new JsonObject().put("classId", classId).put("traineeIds", new JsonArray().add(failer.id()))),
                "ALREADY_APPLIED",
                failer);
        long retrained = InstitutionFixture.trainedClass(contact, Map.of(failer, 40));
        assertThat(ok(contact.post("/api/applications", new JsonObject().put("classId", retrained)), 201)
                        .getString("status"))
                .isEqualTo("DRAFT");

        // The institution's own results: published, both sittings of the failer, one pass.
        JsonArray results = ok(contact.get("/api/institution/results"), 200).getJsonArray("results");
        assertThat(results).hasSize(3);
        assertThat(results.stream().map(JsonObject.class::cast).allMatch(r -> r.getBoolean("published")))
                .isTrue();
        assertThat(results.stream()
                        .map(JsonObject.class::cast)
                        .filter(r -> r.getBoolean("passed"))
                        .count())
                .isEqualTo(1);
    }

    /** The application as the institution's list shows it (stage, session, retakeAllowed). */
    private static JsonObject listed(ApiClient contact, long applicationId) {
        return ok(contact.get("/api/applications"), 200).getJsonArray("applications").stream()
                .map(JsonObject.class::cast)
                .filter(a -> a.getLong("id") == applicationId)
                .findFirst()
                .orElseThrow();
    }

    private static boolean passed(JsonArray roster, InstitutionFixture.Trainee trainee) {
        return roster.stream()
                .map(JsonObject.class::cast)
                .filter(r -> r.getLong("traineeId") == trainee.id())
                .findFirst()
                .orElseThrow()
                .getBoolean("passed");
    }

    private static void assertRefusal(HttpResponse<Buffer> response, String code, InstitutionFixture.Trainee trainee) {
        assertCode(response, 409, code);
        assertThat(response.bodyAsJsonObject().getJsonArray("trainees").stream()
                        .map(t -> ((JsonObject) t).getLong("traineeId")))
                .containsExactly(trainee.id());
    }
}
