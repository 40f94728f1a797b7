package org.examhall.server.institutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.junit.jupiter.api.Test;

/**
 * An application from roster to candidates, over HTTP: hours below the requirement refused, proofs
 * checked by their real type and size, no submission without proof, review with reasons, approved
 * trainees made candidates with their photos, suspension barring new applications.
 */
class ApplicationFlowTest {

    @Test
    void anApplicationGoesFromRosterToCandidates() {
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        ApiClient contact = school.contact();
        InstitutionFixture.Trainee zhang = InstitutionFixture.trainee(contact, "张伟");
        InstitutionFixture.Trainee li = InstitutionFixture.trainee(contact, "李娜");
        InstitutionFixture.Trainee wang = InstitutionFixture.trainee(contact, "王芳");
        Map<InstitutionFixture.Trainee, Integer> hours = new LinkedHashMap<>();
        hours.put(zhang, 40);
        hours.put(li, 48);
        hours.put(wang, 32);
        long classId = InstitutionFixture.trainedClass(contact, hours);

        // 王芳 has 32 of 40 hours: the whole application is refused and names her.
        HttpResponse<Buffer> short_ = contact.post("/api/applications", new JsonObject().put("classId", classId));
        assertCode(short_, 409, "HOURS_BELOW_REQUIRED");
        JsonArray named = short_.bodyAsJsonObject().getJsonArray("trainees");
        assertThat(named).hasSize(1);
        assertThat(named.getJsonObject(0).getLong("traineeId")).isEqualTo(wang.id());
        assertThat(named.getJsonObject(0).getDouble("hours")).isEqualTo(32.0);
        assertThat(ok(contact.get("/api/applications"), 200).getJsonArray("applications"))
                .isEmpty();
        assertCode(
                contact.post(
                        "/api/applications",
                        new JsonObject().put("classId", classId).put("traineeIds", new JsonArray())),
                400,
                "EMPTY_ROSTER");
        assertCode(
                contact.post(
                        "/api/applications",
                        new JsonObject().put("classId", classId).put("traineeIds", new JsonArray().add(999_999_999L))),
                409,
                "NOT_A_CLASS_MEMBER");

        JsonObject draft = ok(
                contact.post(
                        "/api/applications",
                        new JsonObject()
                                .put("classId", classId)
                                .put(
                                        "traineeIds",
                                        new JsonArray().add(zhang.id()).add(li.id()))),
                201);
        long applicationId = draft.getLong("id");
        assertThat(draft.getString("status")).isEqualTo("DRAFT");
        assertThat(draft.getJsonArray("roster").stream().map(r -> ((JsonObject) r).getDouble("hours")))
                .containsExactly(40.0, 48.0);

        // No proof yet: not submittable.
        assertCode(
                contact.post("/api/applications/" + applicationId + "/submit", new JsonObject()),
                409,
                "PROOF_REQUIRED");
        // Bad uploads: a text file named .pdf, an executable, nothing, more than 5 MB of a real PDF.
        assertCode(
                InstitutionFixture.upload(contact, applicationId, "shebao.pdf", "not a pdf at all".getBytes()),
                415,
                "PROOF_TYPE_NOT_ALLOWED");
        assertCode(
                InstitutionFixture.upload(
                        contact, applicationId, "shebao.png", new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0}),
                415,
                "PROOF_TYPE_NOT_ALLOWED");
        assertCode(InstitutionFixture.upload(contact, applicationId, "empty.pdf", new byte[0]), 400, "PROOF_EMPTY");
        byte[] big = Arrays.copyOf(InstitutionFixture.pdf(), 5 * 1024 * 1024 + 1);
        assertCode(InstitutionFixture.upload(contact, applicationId, "big.pdf", big), 413, "PROOF_TOO_LARGE");
        assertThat(ok(contact.get("/api/applications/" + applicationId), 200).getJsonArray("proofs"))
                .isEmpty();

        // Good uploads: a PDF at exactly 5 MB, a JPEG and a PNG (typed by content, whatever the name says).
        byte[] fiveMb = Arrays.copyOf(InstitutionFixture.pdf(), 5 * 1024 * 1024);
        JsonObject pdf = ok(InstitutionFixture.upload(contact, applicationId, "社保证明.pdf", fiveMb), 201);
        assertThat(pdf.getString("mediaType")).isEqualTo("application/pdf");
        assertThat(pdf.getString("sm3")).isEqualTo(Sm3.hex(fiveMb));
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
        assertThat(ok(InstitutionFixture.upload(contact, applicationId, "scan.png", jpeg), 201)
                        .getString("mediaType"))
                .isEqualTo("image/jpeg");
        byte[] png = Photos.person(1, 0);
        assertThat(ok(InstitutionFixture.upload(contact, applicationId, "scan2.png", png), 201)
                        .getString("mediaType"))
                .isEqualTo("image/png");

        // The stored file comes back byte for byte, with its hash.
        HttpResponse<Buffer> download = contact.get("/api/proofs/" + pdf.getLong("id"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.getHeader("X-Content-SM3")).isEqualTo(Sm3.hex(fiveMb));
        assertThat(download.body().getBytes()).isEqualTo(fiveMb);

        JsonObject submitted =
                ok(contact.post("/api/applications/" + applicationId + "/submit", new JsonObject()), 200);
        assertThat(submitted.getString("status")).isEqualTo("SUBMITTED");
        assertThat(submitted.getJsonArray("proofs")).hasSize(3);
        assertCode(
                InstitutionFixture.upload(contact, applicationId, "late.pdf", InstitutionFixture.pdf()),
                409,
                "BAD_APPLICATION_STATE");
        assertCode(
                contact.post("/api/applications/" + applicationId + "/submit", new JsonObject()),
                409,
                "BAD_APPLICATION_STATE");

        // The bureau reviews: a rejection needs a reason; approval; no second review.
        assertThat(ok(bureau.get("/api/applications?status=SUBMITTED"), 200).getJsonArray("applications").stream()
                        .anyMatch(a -> ((JsonObject) a).getLong("id") == applicationId))
                .isTrue();
        assertCode(
                bureau.post(
                        "/api/applications/" + applicationId + "/review", new JsonObject().put("decision", "REJECT")),
                400,
                "REJECT_REASON_REQUIRED");
        assertCode(
                bureau.post(
                        "/api/applications/" + applicationId + "/review", new JsonObject().put("decision", "MAYBE")),
                400,
                "VALIDATION_FAILED");
        InstitutionFixture.approve(bureau, applicationId);
        assertCode(
                bureau.post(
                        "/api/applications/" + applicationId + "/review", new JsonObject().put("decision", "APPROVE")),
                409,
                "BAD_APPLICATION_STATE");

        // Approved trainees become candidates of a session of the same operation item, photos included.
        ExamRoom room = InstitutionFixture.room();
        long welding = room.scheduleSession("DEMO-WELD-FUSION", Instant.now().plus(Duration.ofDays(1)), null, false);
        assertCode(
                bureau.post(
                        "/api/applications/" + applicationId + "/assign", new JsonObject().put("sessionId", welding)),
                409,
                "SESSION_ITEM_MISMATCH");
        long sessionId = room.scheduleSession(InstitutionFixture.BLUEPRINT, null, false);
        JsonObject assigned = ok(
                bureau.post(
                        "/api/applications/" + applicationId + "/assign", new JsonObject().put("sessionId", sessionId)),
                200);
        assertThat(assigned.getString("status")).isEqualTo("ASSIGNED");
        assertThat(assigned.getJsonArray("roster").stream().allMatch(r -> ((JsonObject) r).getBoolean("candidate")))
                .isTrue();
        JsonArray candidates =
                ok(bureau.get("/api/sessions/" + sessionId + "/results"), 200).getJsonArray("results");
        assertThat(candidates.stream().map(c -> ((JsonObject) c).getString("fullName")))
                .containsExactlyInAnyOrder("张伟", "李娜");
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        JsonObject atTheDoor = ok(
                room.proctor1
                        .client()
                        .post(
                                "/api/sessions/" + sessionId + "/checkin/identify",
                                new JsonObject().put("idNumber", zhang.idNumber())),
                200);
        assertThat(Base64.getDecoder().decode(atTheDoor.getString("enrolledPhoto")))
                .isEqualTo(Photos.person(zhang.faceSeed(), 0));

        // A second application from the same class for the same trainees is refused (their attempt is in progress).
        assertCode(
                contact.post(
                        "/api/applications",
                        new JsonObject().put("classId", classId).put("traineeIds", new JsonArray().add(zhang.id()))),
                409,
                "ALREADY_APPLIED");
    }

    @Test
    void aSuspendedInstitutionCannotApplyAndTheSanctionIsRecorded() {
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        ApiClient contact = school.contact();
        InstitutionFixture.Trainee zhao = InstitutionFixture.trainee(contact, "赵磊");
        long classId = InstitutionFixture.trainedClass(contact, Map.of(zhao, 40));
        long draft = ok(contact.post("/api/applications", new JsonObject().put("classId", classId)), 201)
                .getLong("id");
        ok(InstitutionFixture.upload(contact, draft, "shebao.pdf", InstitutionFixture.pdf()), 201);

        LocalDate today = LocalDate.now();
        JsonObject suspension = new JsonObject()
                .put("from", today.minusDays(1).toString())
                .put("to", today.plusMonths(6).toString())
                .put("reason", "提供虚假社保证明材料");
        assertCode(
                bureau.post(
                        "/api/institutions/" + school.id() + "/suspend",
                        suspension.copy().put("to", today.minusDays(2).toString())),
                400,
                "INVALID_DATE");
        assertCode(
                bureau.post(
                        "/api/institutions/" + school.id() + "/suspend",
                        suspension.copy().put("reason", " ")),
                400,
                "VALIDATION_FAILED");
        JsonObject suspended = ok(bureau.post("/api/institutions/" + school.id() + "/suspend", suspension), 200);
        assertThat(suspended.getBoolean("suspended")).isTrue();
        assertThat(suspended.getJsonArray("sanctions")).hasSize(1);

        assertCode(
                contact.post("/api/applications/" + draft + "/submit", new JsonObject()), 409, "INSTITUTION_SUSPENDED");
        assertCode(
                contact.post("/api/applications", new JsonObject().put("classId", classId)),
                409,
                "INSTITUTION_SUSPENDED");
        assertThat(ok(contact.get("/api/applications/" + draft), 200).getString("status"))
                .isEqualTo("DRAFT");
        JsonArray sanctions = ok(bureau.get("/api/sanctions"), 200).getJsonArray("sanctions");
        assertThat(sanctions.stream()
                        .map(JsonObject.class::cast)
                        .filter(s -> s.getLong("institutionId") == school.id()))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.getString("reason")).isEqualTo("提供虚假社保证明材料");
                    assertThat(s.getString("kind")).isEqualTo("SUSPENSION");
                });
        // The institution sees its own suspension.
        assertThat(ok(contact.get("/api/institution/me"), 200).getBoolean("suspended"))
                .isTrue();
    }
}
