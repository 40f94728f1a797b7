package org.examhall.server.institutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.junit.jupiter.api.Test;

/**
 * An institution that registers an ID number the bureau already knows, under another name and
 * photo: it learns nothing of the person, and what the bureau, the door and the province see of
 * that person stays the bureau's.
 */
class PersonRecordTest {

    @Test
    void anInstitutionLearnsNothingOfAKnownPersonAndOverwritesNeitherNameNorPhoto() {
        ApiClient bureau = InstitutionFixture.bureau();
        ExamRoom earlier = InstitutionFixture.room();
        long earlierSession = earlier.scheduleSession(InstitutionFixture.BLUEPRINT, null, false);
        byte[] bureauPhoto = Photos.person(171, 0);
        ExamRoom.Candidate known = earlier.addCandidate(earlierSession, "王建国", bureauPhoto);

        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        byte[] otherPhoto = Photos.person(172, 0);
        JsonObject registered = ok(
                school.contact()
                        .post(
                                "/api/trainees",
                                new JsonObject()
                                        .put("fullName", "张三")
                                        .put("idNumber", known.idNumber())
                                        .put("employer", "某厂")
                                        .put("photo", Base64.getEncoder().encodeToString(otherPhoto))),
                201);
        assertThat(registered.getString("fullName")).isEqualTo("张三");
        assertThat(registered.encode()).doesNotContain("王建国");
        assertThat(ok(school.contact().get("/api/trainees"), 200).encode())
                .contains("张三")
                .doesNotContain("王建国");

        InstitutionFixture.Trainee trainee =
                new InstitutionFixture.Trainee(registered.getLong("id"), "张三", known.idNumber(), 172);
        long classId = InstitutionFixture.trainedClass(school.contact(), Map.of(trainee, 40));
        long applicationId = InstitutionFixture.submitted(school.contact(), classId);
        InstitutionFixture.approve(bureau, applicationId);
        ExamRoom room = InstitutionFixture.room();
        long sessionId = room.scheduleSession(InstitutionFixture.BLUEPRINT, null, false);
        ok(
                bureau.post(
                        "/api/applications/" + applicationId + "/assign", new JsonObject().put("sessionId", sessionId)),
                200);

        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        JsonObject atTheDoor = ok(
                room.proctor1
                        .client()
                        .post(
                                "/api/sessions/" + sessionId + "/checkin/identify",
                                new JsonObject().put("idNumber", known.idNumber())),
                200);
        assertThat(atTheDoor.getString("fullName")).isEqualTo("王建国");
        assertThat(Base64.getDecoder().decode(atTheDoor.getString("enrolledPhoto")))
                .isEqualTo(bureauPhoto);
        // The institution's own view keeps its own declaration.
        assertThat(ok(school.contact().get("/api/applications/" + applicationId), 200)
                        .encode())
                .contains("张三")
                .doesNotContain("王建国");
    }
}
