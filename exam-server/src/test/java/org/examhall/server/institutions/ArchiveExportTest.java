package org.examhall.server.institutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.examhall.bank.io.PaperJson;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.junit.jupiter.api.Test;

/**
 * 一期一档: a class taken through application, exam and publication, exported as a ZIP whose
 * signed index is checked here the way anyone with the bureau's public key would: every listed file
 * present with its SM3 hash, nothing unlisted, the SM2 signature good; and the yearly assessment.
 */
class ArchiveExportTest {

    @Test
    void theClassArchiveListsEveryFileWithItsHashAndIsSignedByTheBureau() throws IOException {
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        ApiClient contact = school.contact();
        InstitutionFixture.Trainee pass = InstitutionFixture.trainee(contact, "蒋平");
        InstitutionFixture.Trainee fail = InstitutionFixture.trainee(contact, "沈静");
        Map<InstitutionFixture.Trainee, Integer> hours = new LinkedHashMap<>();
        hours.put(pass, 40);
        hours.put(fail, 44);
        long classId = InstitutionFixture.trainedClass(contact, hours);
        long application = InstitutionFixture.submitted(contact, classId);
        InstitutionFixture.approve(bureau, application);
        ExamRoom room = InstitutionFixture.room();
        long sessionId = room.scheduleSession(InstitutionFixture.BLUEPRINT, null, false);
        ok(
                bureau.post(
                        "/api/applications/" + application + "/assign", new JsonObject().put("sessionId", sessionId)),
                200);
        long failSitting =
                ok(bureau.get("/api/sessions/" + sessionId + "/results"), 200).getJsonArray("results").stream()
                        .map(JsonObject.class::cast)
                        .filter(r -> r.getString("fullName").equals("沈静"))
                        .findFirst()
                        .orElseThrow()
                        .getLong("sittingId");
        InstitutionFixture.runToPublished(room, sessionId, List.of(pass, fail), List.of(pass));
        // a wrong key found after publication: the passer's result is corrected, and the archive must show both
        long passSitting =
                ok(bureau.get("/api/sessions/" + sessionId + "/results"), 200).getJsonArray("results").stream()
                        .map(JsonObject.class::cast)
                        .filter(r -> r.getString("fullName").equals("蒋平"))
                        .findFirst()
                        .orElseThrow()
                        .getLong("sittingId");
        JsonObject fix = ExamRoom.wrongKeyFix(bureau, passSitting);
        ok(
                bureau.post(
                        "/api/sittings/" + passSitting + "/corrections",
                        new JsonObject()
                                .put("kind", "RESCORE")
                                .put("reason", "复核发现标准答案有误")
                                .put("keyCorrections", new JsonArray().add(fix))),
                200);

        assertCode(bureau.get("/api/classes/999999999/archive.zip"), 404, "CLASS_NOT_FOUND");
        assertCode(contact.get("/api/classes/" + classId + "/archive.zip"), 403, "FORBIDDEN");
        HttpResponse<Buffer> response = bureau.get("/api/classes/" + classId + "/archive.zip");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/zip");
        Map<String, byte[]> files = unzip(response.body().getBytes());

        String index = new String(files.remove("index.json"), StandardCharsets.UTF_8);
        String signature = new String(files.remove("index.sig"), StandardCharsets.US_ASCII);
        assertThat(Sm2.verify(InstitutionFixture.bureauPublicKey(), index, signature))
                .as("SM2 signature of index.json")
                .isTrue();
        assertThat(Sm2.verify(
                        InstitutionFixture.bureauPublicKey(),
                        index.replace("\"classId\":" + classId, "\"classId\":" + (classId + 1)),
                        signature))
                .isFalse();
        JsonObject parsed = new JsonObject(index);
        assertThat(parsed.getLong("classId")).isEqualTo(classId);
        assertThat(parsed.getString("algorithm")).isEqualTo("SM3withSM2");
        assertThat(parsed.getString("keyId")).isEqualTo(Sm2.keyId(InstitutionFixture.bureauPublicKey()));
        JsonArray listed = parsed.getJsonArray("files");
        Map<String, String> hashes = new LinkedHashMap<>();
        listed.forEach(f -> hashes.put(((JsonObject) f).getString("path"), ((JsonObject) f).getString("sm3")));
        assertThat(files.keySet())
                .as("every file is listed, and every listed file is there")
                .isEqualTo(hashes.keySet());
        hashes.forEach(
                (path, sm3) -> assertThat(Sm3.hex(files.get(path))).as(path).isEqualTo(sm3));
        listed.forEach(f ->
                assertThat(files.get(((JsonObject) f).getString("path"))).hasSize(((JsonObject) f).getInteger("size")));

        // What the archive holds: training side, exam side, video references.
        assertThat(files.keySet())
                .contains(
                        "class.json",
                        "bureau-public.pem",
                        "applications/" + application + "/application.json",
                        "sittings/" + failSitting + "/sitting.json",
                        "sittings/" + failSitting + "/paper.json",
                        "sittings/" + failSitting + "/answers.json",
                        "sittings/" + failSitting + "/score.json",
                        "sessions/" + sessionId + "/room-record.json",
                        "sessions/" + sessionId + "/incidents.json",
                        "sessions/" + sessionId + "/video.json");
        assertThat(files.keySet().stream().filter(p -> p.startsWith("applications/" + application + "/proofs/")))
                .hasSize(1)
                .allSatisfy(p -> assertThat(files.get(p)).isEqualTo(InstitutionFixture.pdf()));
        JsonObject klass = json(files, "class.json");
        assertThat(klass.getJsonArray("members")).hasSize(2);
        assertThat(klass.getJsonArray("members").getJsonObject(1).getJsonArray("attendance"))
                .hasSize(6);
        assertThat(json(files, "sittings/" + failSitting + "/sitting.json").getBoolean("passed"))
                .isFalse();
        assertThat(json(files, "sittings/" + failSitting + "/answers.json").getJsonArray("steps"))
                .hasSize(1);
        assertThat(json(files, "sessions/" + sessionId + "/room-record.json").getJsonArray("signatures"))
                .hasSize(2);
        JsonObject video = json(files, "sessions/" + sessionId + "/video.json");
        assertThat(video.getJsonArray("sittings")).hasSize(2);
        JsonObject range = video.getJsonArray("sittings").getJsonObject(0);
        assertThat(Instant.parse(range.getString("from"))).isBefore(Instant.parse(range.getString("to")));
        assertThat(new String(files.get("bureau-public.pem"), StandardCharsets.US_ASCII))
                .contains("BEGIN PUBLIC KEY");

        // The correction history: what the candidate was first told, the paper it was scored on, and why it changed.
        JsonObject versions = json(files, "sittings/" + passSitting + "/result-versions.json");
        assertThat(versions.getJsonObject("firstResult").getDouble("score")).isEqualTo(100.0);
        assertThat(versions.getJsonArray("versions")).hasSize(2);
        JsonObject second = versions.getJsonArray("versions").getJsonObject(1);
        assertThat(second.getInteger("supersedes")).isEqualTo(1);
        assertThat(second.getString("packageHash")).isNotBlank();
        JsonObject correction = second.getJsonObject("correction");
        assertThat(correction.getString("reason")).isEqualTo("复核发现标准答案有误");
        assertThat(correction.getString("correctedBy")).isNotBlank();
        assertThat(correction.getJsonArray("keyCorrections")).isEqualTo(new JsonArray().add(fix));
        assertThat(correction.getDouble("scoreAfter"))
                .isEqualTo(
                        json(files, "sittings/" + passSitting + "/sitting.json").getDouble("score"))
                .isLessThan(100.0);
        String questionId = fix.getString("questionId");
        assertThat(key(json(files, "sittings/" + passSitting + "/paper-as-first-scored.json"), questionId))
                .isNotEqualTo(fix.getString("key"));
        assertThat(key(json(files, "sittings/" + passSitting + "/paper.json"), questionId))
                .isEqualTo(fix.getString("key"));
        assertThat(hashes)
                .containsKeys(
                        "sittings/" + passSitting + "/result-versions.json",
                        "sittings/" + passSitting + "/paper-as-first-scored.json");
        assertThat(json(files, "sittings/" + failSitting + "/result-versions.json")
                        .getJsonArray("versions"))
                .hasSize(1);
        assertThat(files).doesNotContainKey("sittings/" + failSitting + "/paper-as-first-scored.json");

        // The yearly assessment counts this class's sitting pair for its institution.
        int year = Year.now(ZoneId.of("Asia/Shanghai")).getValue();
        JsonObject mine = ok(bureau.get("/api/assessment?year=" + year), 200).getJsonArray("institutions").stream()
                .map(JsonObject.class::cast)
                .filter(i -> i.getLong("institutionId") == school.id())
                .findFirst()
                .orElseThrow();
        assertThat(mine.getLong("examined")).isEqualTo(2);
        assertThat(mine.getLong("passed")).isEqualTo(1);
        assertThat(mine.getDouble("passRate")).isEqualTo(0.5);
        assertThat(mine.getLong("retakes")).isZero();
        assertThat(mine.getLong("applications")).isEqualTo(1);
        assertCode(bureau.get("/api/assessment?year=abc"), 400, "VALIDATION_FAILED");
        assertCode(bureau.get("/api/assessment?year=1999"), 400, "VALIDATION_FAILED");
    }

    private static String key(JsonObject paper, String questionId) throws IOException {
        return PaperJson.read(paper.encode()).items().stream()
                .filter(i -> i.question().id().equals(questionId))
                .findFirst()
                .orElseThrow()
                .question()
                .content()
                .answer()
                .letters();
    }

    private static JsonObject json(Map<String, byte[]> files, String path) {
        return new JsonObject(new String(files.get(path), StandardCharsets.UTF_8));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertThat(files.put(entry.getName(), in.readAllBytes()))
                        .as("duplicate entry " + entry.getName())
                        .isNull();
            }
        }
        return files;
    }
}
