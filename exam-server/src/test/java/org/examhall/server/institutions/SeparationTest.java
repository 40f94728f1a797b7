package org.examhall.server.institutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * 考培分离, each rule black-box over HTTP: an institution reaches only its own records, never the
 * bank, papers, seats, proctors or unpublished scores; a proctor who works at an institution never
 * serves a session with its trainees; every access by an institution is in the audit chain.
 */
class SeparationTest {

    @Test
    void anInstitutionSeesOnlyItsOwnTraineesClassesApplicationsAndProofs() {
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution mine = InstitutionFixture.institution(bureau);
        InstitutionFixture.Institution theirs = InstitutionFixture.institution(bureau);
        InstitutionFixture.Trainee own = InstitutionFixture.trainee(mine.contact(), "自家学员");
        InstitutionFixture.Trainee other = InstitutionFixture.trainee(theirs.contact(), "别家学员");
        long myClass = InstitutionFixture.trainedClass(mine.contact(), Map.of(own, 40));
        long theirClass = InstitutionFixture.trainedClass(theirs.contact(), Map.of(other, 40));
        long myApplication = InstitutionFixture.submitted(mine.contact(), myClass);
        long theirApplication = InstitutionFixture.submitted(theirs.contact(), theirClass);
        long theirProof = ok(theirs.contact().get("/api/applications/" + theirApplication), 200)
                .getJsonArray("proofs")
                .getJsonObject(0)
                .getLong("id");

        ApiClient me = mine.contact();
        assertThat(ids(ok(me.get("/api/trainees"), 200).getJsonArray("trainees"), "id"))
                .containsExactly(own.id());
        assertThat(ids(ok(me.get("/api/classes"), 200).getJsonArray("classes"), "id"))
                .containsExactly(myClass);
        assertThat(ids(ok(me.get("/api/applications"), 200).getJsonArray("applications"), "id"))
                .containsExactly(myApplication);
        assertCode(me.get("/api/classes/" + theirClass), 404, "CLASS_NOT_FOUND");
        assertCode(me.get("/api/applications/" + theirApplication), 404, "APPLICATION_NOT_FOUND");
        assertCode(me.get("/api/proofs/" + theirProof), 404, "PROOF_NOT_FOUND");
        // Nor can it act on another institution's records.
        assertCode(
                InstitutionFixture.upload(me, theirApplication, "x.pdf", InstitutionFixture.pdf()),
                404,
                "APPLICATION_NOT_FOUND");
        assertCode(
                me.post("/api/applications/" + theirApplication + "/submit", new JsonObject()),
                404,
                "APPLICATION_NOT_FOUND");
        assertCode(
                me.post("/api/classes/" + theirClass + "/members", new JsonObject().put("traineeId", own.id())),
                404,
                "CLASS_NOT_FOUND");
        assertCode(
                me.post("/api/classes/" + myClass + "/members", new JsonObject().put("traineeId", other.id())),
                404,
                "TRAINEE_NOT_FOUND");
        assertCode(me.post("/api/applications", new JsonObject().put("classId", theirClass)), 404, "CLASS_NOT_FOUND");
        // The bureau sees both.
        assertThat(ids(ok(bureau.get("/api/applications"), 200).getJsonArray("applications"), "id"))
                .contains(myApplication, theirApplication);
    }

    @Test
    void anInstitutionNeverReachesTheBankPapersSeatsProctorsOrUnpublishedScores() {
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        InstitutionFixture.Institution rival = InstitutionFixture.institution(bureau);
        InstitutionFixture.Trainee student = InstitutionFixture.trainee(school.contact(), "吴强");
        InstitutionFixture.Trainee rivalStudent = InstitutionFixture.trainee(rival.contact(), "郑洁");
        long application = InstitutionFixture.submitted(
                school.contact(), InstitutionFixture.trainedClass(school.contact(), Map.of(student, 40)));
        long rivalApplication = InstitutionFixture.submitted(
                rival.contact(), InstitutionFixture.trainedClass(rival.contact(), Map.of(rivalStudent, 40)));
        InstitutionFixture.approve(bureau, application);
        InstitutionFixture.approve(bureau, rivalApplication);
        ExamRoom room = InstitutionFixture.room();
        long sessionId = room.scheduleSession(InstitutionFixture.BLUEPRINT, null, true);
        ok(
                bureau.post(
                        "/api/applications/" + application + "/assign", new JsonObject().put("sessionId", sessionId)),
                200);
        ok(
                bureau.post(
                        "/api/applications/" + rivalApplication + "/assign",
                        new JsonObject().put("sessionId", sessionId)),
                200);

        // Run to SCORED but do not publish yet: take the steps of runToPublished without the last one.
        ApiClient me = school.contact();
        long sittingId = ok(bureau.get("/api/sessions/" + sessionId + "/results"), 200).getJsonArray("results").stream()
                .map(JsonObject.class::cast)
                .filter(r -> r.getString("fullName").equals("吴强"))
                .findFirst()
                .orElseThrow()
                .getLong("sittingId");
        InstitutionFixture.runToScored(room, sessionId, List.of(student, rivalStudent), List.of(student));

        for (String path : List.of(
                "/api/bank/questions",
                "/api/bank/blueprints",
                "/api/bank/blueprints/" + InstitutionFixture.BLUEPRINT,
                "/api/bank/export",
                "/api/sessions",
                "/api/sessions/" + sessionId,
                "/api/sessions/" + sessionId + "/results",
                "/api/sessions/" + sessionId + "/results.csv",
                "/api/sittings/" + sittingId + "/answer-sheet",
                "/api/sessions/" + sessionId + "/room-record",
                "/api/sessions/" + sessionId + "/grid",
                "/api/staff")) {
            assertCode(me.get(path), 403, "FORBIDDEN");
        }
        assertCode(
                me.post("/api/sessions/" + sessionId + "/state", new JsonObject().put("state", "CHECK_IN")),
                403,
                "FORBIDDEN");
        assertCode(
                me.post("/api/bank/blueprints/" + InstitutionFixture.BLUEPRINT + "/preview", new JsonObject()),
                403,
                "FORBIDDEN");

        // Scored but unpublished: no score, no pass, no seat anywhere the institution can look.
        JsonObject before = ok(me.get("/api/applications/" + application), 200);
        assertThat(before.getBoolean("published")).isFalse();
        JsonObject entry = before.getJsonArray("roster").getJsonObject(0);
        assertThat(entry.containsKey("score")).isFalse();
        assertThat(entry.containsKey("passed")).isFalse();
        assertThat(before.encode()).doesNotContain("seat").doesNotContain("proctor");
        JsonArray pending = ok(me.get("/api/institution/results"), 200).getJsonArray("results");
        assertThat(pending).hasSize(1);
        assertThat(pending.getJsonObject(0).getBoolean("published")).isFalse();
        assertThat(pending.getJsonObject(0).containsKey("score")).isFalse();

        ok(room.admin.post("/api/sessions/" + sessionId + "/publish", new JsonObject()), 200);

        // Published: its own trainee's result, and only its own (the rival's trainee sat in the same session).
        JsonArray published = ok(me.get("/api/institution/results"), 200).getJsonArray("results");
        assertThat(published).hasSize(1);
        assertThat(published.getJsonObject(0).getString("fullName")).isEqualTo("吴强");
        assertThat(published.getJsonObject(0).getBoolean("passed")).isTrue();
        assertThat(published.getJsonObject(0).getDouble("score")).isEqualTo(100.0);
        assertThat(published.encode()).doesNotContain("郑洁");
        JsonObject after = ok(me.get("/api/applications/" + application), 200);
        assertThat(after.getJsonArray("roster").getJsonObject(0).getBoolean("passed"))
                .isTrue();
        assertThat(after.encode()).doesNotContain("郑洁").doesNotContain("paper").doesNotContain("answers");

        // A correction of a published result: the institution sees the corrected result, marked so, and not the
        // bureau's reason.
        assertThat(published.getJsonObject(0).getBoolean("corrected")).isFalse();
        ok(
                room.admin.post(
                        "/api/sittings/" + sittingId + "/corrections",
                        new JsonObject().put("kind", "VOID").put("reason", "复核录像查实替考")),
                200);
        JsonObject corrected = ok(me.get("/api/institution/results"), 200)
                .getJsonArray("results")
                .getJsonObject(0);
        assertThat(corrected.getBoolean("corrected")).isTrue();
        assertThat(corrected.getString("status")).isEqualTo("VOIDED");
        assertThat(corrected.getBoolean("passed")).isFalse();
        assertThat(corrected.getDouble("score")).isEqualTo(0.0);
        assertThat(corrected.encode()).doesNotContain("替考");
        assertThat(ok(rival.contact().get("/api/institution/results"), 200).encode())
                .doesNotContain("吴强");
    }

    @Test
    void aProctorWhoWorksAtAnInstitutionNeverServesASessionWithItsTrainees() {
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        InstitutionFixture.Trainee student = InstitutionFixture.trainee(school.contact(), "冯涛");
        long application = InstitutionFixture.submitted(
                school.contact(), InstitutionFixture.trainedClass(school.contact(), Map.of(student, 40)));
        InstitutionFixture.approve(bureau, application);
        ExamRoom room = InstitutionFixture.room();

        // proctor1 works at the school: a session they serve cannot take the school's trainees, whichever way they
        // come.
        ok(
                bureau.post(
                        "/api/institutions/" + school.id() + "/staff",
                        new JsonObject().put("staffId", room.proctor1.id())),
                200);
        long conflicted = room.scheduleSession(InstitutionFixture.BLUEPRINT, null, false);
        assertCode(
                bureau.post(
                        "/api/applications/" + application + "/assign", new JsonObject().put("sessionId", conflicted)),
                409,
                "PROCTOR_INSTITUTION_CONFLICT");
        assertCode(
                room.admin.post(
                        "/api/sessions/" + conflicted + "/candidates",
                        new JsonObject().put("fullName", "冯涛").put("idNumber", student.idNumber())),
                409,
                "PROCTOR_INSTITUTION_CONFLICT");
        assertThat(ok(bureau.get("/api/sessions/" + conflicted + "/results"), 200)
                        .getJsonArray("results"))
                .isEmpty();
        assertThat(ok(bureau.get("/api/applications/" + application), 200).getString("status"))
                .isEqualTo("APPROVED");

        // A session with other proctors takes them.
        TestServer server = InstitutionFixture.node();
        long other1 = server.createStaff(TestServer.uniqueName("proctor"), InstitutionFixture.PASSWORD, Role.PROCTOR)
                .id();
        long other2 = server.createStaff(TestServer.uniqueName("proctor"), InstitutionFixture.PASSWORD, Role.PROCTOR)
                .id();
        long clean = ok(
                        room.admin.post(
                                "/api/sessions",
                                new JsonObject()
                                        .put("roomId", room.roomId)
                                        .put("blueprintId", InstitutionFixture.BLUEPRINT)
                                        .put(
                                                "startsAt",
                                                Instant.now().plusSeconds(3600).toString())
                                        .put(
                                                "proctorIds",
                                                new JsonArray().add(other1).add(other2))),
                        201)
                .getLong("id");
        ok(bureau.post("/api/applications/" + application + "/assign", new JsonObject().put("sessionId", clean)), 200);

        // And from the other side: a proctor of that session cannot now be recorded as working at the school.
        assertCode(
                bureau.post("/api/institutions/" + school.id() + "/staff", new JsonObject().put("staffId", other1)),
                409,
                "PROCTOR_INSTITUTION_CONFLICT");
        assertThat(ok(bureau.get("/api/institutions/" + school.id()), 200).getJsonArray("staff").stream()
                        .map(s -> ((JsonObject) s).getLong("id")))
                .doesNotContain(other1)
                .contains(room.proctor1.id());
    }

    @Test
    void everyAccessByAnInstitutionIsAudited() {
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        TestServer server = InstitutionFixture.node();
        StaffProvisioning.Created auditorAccount =
                server.createStaff(TestServer.uniqueName("auditor"), InstitutionFixture.PASSWORD, Role.AUDITOR);
        ApiClient auditor = server.client()
                .signedIn(auditorAccount.username(), InstitutionFixture.PASSWORD, auditorAccount.totpSecret());
        long start = lastSeq(auditor);

        ApiClient me = school.contact();
        InstitutionFixture.Trainee student = InstitutionFixture.trainee(me, "褚明");
        long classId = InstitutionFixture.trainedClass(me, Map.of(student, 40));
        long application = InstitutionFixture.submitted(me, classId);
        ok(me.get("/api/trainees"), 200);
        ok(me.get("/api/classes"), 200);
        ok(me.get("/api/classes/" + classId), 200);
        ok(me.get("/api/applications"), 200);
        JsonObject detail = ok(me.get("/api/applications/" + application), 200);
        me.get("/api/proofs/" + detail.getJsonArray("proofs").getJsonObject(0).getLong("id"));
        ok(me.get("/api/institution/results"), 200);
        ok(me.get("/api/institution/me"), 200);

        Set<String> actions = entriesAfter(auditor, start).stream()
                .filter(e -> e.getString("actor").equals(school.username()))
                .map(e -> e.getString("action"))
                .collect(Collectors.toSet());
        assertThat(actions)
                .contains(
                        "institution.trainee_registered",
                        "institution.class_created",
                        "institution.attendance_recorded",
                        "application.created",
                        "application.proof_uploaded",
                        "application.submitted",
                        "institution.trainees_read",
                        "institution.classes_read",
                        "institution.class_read",
                        "institution.applications_read",
                        "institution.application_read",
                        "institution.proof_read",
                        "institution.results_read",
                        "institution.self_read");
        assertThat(ok(auditor.get("/api/audit/verify"), 200).getBoolean("ok")).isTrue();
    }

    private static List<Long> ids(JsonArray array, String field) {
        return array.stream().map(o -> ((JsonObject) o).getLong(field)).toList();
    }

    private static long lastSeq(ApiClient auditor) {
        List<JsonObject> all = entriesAfter(auditor, 0);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).getLong("seq");
    }

    private static List<JsonObject> entriesAfter(ApiClient auditor, long after) {
        List<JsonObject> out = new ArrayList<>();
        long cursor = after;
        while (true) {
            JsonArray page = ok(auditor.get("/api/audit/entries?after=" + cursor + "&limit=1000"), 200)
                    .getJsonArray("entries");
            page.forEach(e -> out.add((JsonObject) e));
            if (page.size() < 1000) {
                return out;
            }
            cursor = page.getJsonObject(page.size() - 1).getLong("seq");
        }
    }
}
