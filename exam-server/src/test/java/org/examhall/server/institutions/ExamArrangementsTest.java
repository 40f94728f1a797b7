package org.examhall.server.institutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.junit.jupiter.api.Test;

/**
 * What an institution may tell its trainees, over HTTP: GET /api/institution/arrangements gives the
 * exam's time, site and room and the admission ticket once assigned, the seat only once drawn at
 * check-in, the stage through EXAMINED and PUBLISHED, and never a score or a paper; another
 * institution sees none of it. The bureau reviews an application by its roster's attendance.
 */
class ExamArrangementsTest {

    @Test
    void anInstitutionSeesItsTraineesTimeRoomTicketAndDrawnSeat() {
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        InstitutionFixture.Institution other = InstitutionFixture.institution(bureau);
        InstitutionFixture.Trainee trainee = InstitutionFixture.trainee(school.contact(), "刘洋");
        long classId = InstitutionFixture.trainedClass(school.contact(), Map.of(trainee, 40));
        long applicationId = InstitutionFixture.submitted(school.contact(), classId);

        // The bureau reviews the roster with each day attended (8 hours a day from the class's start).
        JsonObject review = ok(bureau.get("/api/applications/" + applicationId), 200);
        assertThat(review.getDouble("requiredHours")).isEqualTo(40.0);
        JsonArray days = review.getJsonArray("roster").getJsonObject(0).getJsonArray("attendance");
        assertThat(days).hasSize(5);
        assertThat(days.getJsonObject(0).getString("day"))
                .isEqualTo(LocalDate.now().minusDays(20).toString());
        assertThat(days.getJsonObject(0).getDouble("hours")).isEqualTo(8.0);

        assertThat(arrangements(school.contact())).isEmpty();
        InstitutionFixture.approve(bureau, applicationId);
        ExamRoom room = InstitutionFixture.room();
        long sessionId = room.scheduleSession(InstitutionFixture.BLUEPRINT, null, false);
        ok(
                bureau.post(
                        "/api/applications/" + applicationId + "/assign", new JsonObject().put("sessionId", sessionId)),
                200);
        JsonObject session = ok(room.admin.get("/api/sessions/" + sessionId), 200);
        JsonObject sitting = ok(room.admin.get("/api/sessions/" + sessionId + "/results"), 200)
                .getJsonArray("results")
                .getJsonObject(0);

        JsonObject assigned = single(arrangements(school.contact()));
        assertThat(assigned.getLong("applicationId")).isEqualTo(applicationId);
        assertThat(assigned.getString("fullName")).isEqualTo("刘洋");
        assertThat(assigned.getString("startsAt")).isEqualTo(session.getString("startsAt"));
        assertThat(assigned.getString("room")).isEqualTo(session.getString("roomName"));
        assertThat(assigned.getString("site")).isNotBlank();
        assertThat(assigned.getString("ticketNo")).isEqualTo(sitting.getString("ticketNo"));
        assertThat(assigned.getValue("seatNo"))
                .as("seats are drawn at check-in")
                .isNull();
        assertThat(assigned.getString("stage")).isEqualTo("ASSIGNED");
        assertThat(assigned.fieldNames()).doesNotContain("score", "passed", "paper", "sittingId");
        assertThat(arrangements(other.contact())).isEmpty();

        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        int drawn = ok(room.admin.get("/api/sessions/" + sessionId + "/results"), 200)
                .getJsonArray("results")
                .getJsonObject(0)
                .getInteger("seatNo");
        assertThat(single(arrangements(school.contact())).getInteger("seatNo")).isEqualTo(drawn);

        InstitutionFixture.sitToScored(room, sessionId, List.of(trainee), List.of(trainee));
        assertThat(single(arrangements(school.contact())).getString("stage")).isEqualTo("EXAMINED");
        assertThat(ok(room.admin.get("/api/sessions/" + sessionId), 200).getValue("publishedAt"))
                .isNull();
        ok(room.admin.post("/api/sessions/" + sessionId + "/publish", new JsonObject()), 200);
        // The bureau's session list says so too (its publish picker offers only unpublished sessions).
        assertThat(ok(room.admin.get("/api/sessions"), 200).getJsonArray("sessions").stream()
                        .map(JsonObject.class::cast)
                        .filter(x -> x.getLong("id") == sessionId)
                        .findFirst()
                        .orElseThrow()
                        .getString("publishedAt"))
                .isNotNull();
        JsonObject published = single(arrangements(school.contact()));
        assertThat(published.getString("stage")).isEqualTo("PUBLISHED");
        assertThat(published.fieldNames()).doesNotContain("score", "passed");
    }

    private static JsonArray arrangements(ApiClient contact) {
        return ok(contact.get("/api/institution/arrangements"), 200).getJsonArray("arrangements");
    }

    private static JsonObject single(JsonArray arrangements) {
        assertThat(arrangements).hasSize(1);
        return arrangements.getJsonObject(0);
    }
}
