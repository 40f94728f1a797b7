package org.examhall.tools.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;
import static org.examhall.tools.testing.ProvinceFixture.lastError;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.server.audit.AuditChainVerifier;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.crypto.KeyMaterial;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.examhall.tools.provincesim.ProvinceSimulator.Mode;
import org.examhall.tools.testing.ProvinceFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publishing and delivery against the province simulator over real HTTP: the normal path, then
 * the faults — the province down, slow, answering twice or losing its receipt, and a package
 * altered at rest. Each ends with exactly one stored package per result and every signature good.
 */
class ProvinceDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @AutoClose
    private static final ProvinceFixture fixture = ProvinceFixture.start(2000);

    @BeforeEach
    void normalProvince() {
        fixture.simulator.behave(Mode.NORMAL, 0);
    }

    @Test
    void aPublishedSessionReachesTheProvinceOncePerSittingWithItsSignatureAndReceiptGood() {
        ProvinceFixture.Session session = fixture.newSession();
        ProvinceFixture.Sitting submitted = session.add("张伟");
        ProvinceFixture.Sitting doubtful = session.add("李娜");
        ProvinceFixture.Sitting voided = session.add("赵磊");
        ProvinceFixture.Sitting absent = session.add("王芳");
        ExamRoom room = session.room;
        assertCode(
                room.admin.post("/api/sessions/" + session.id + "/publish", new JsonObject()),
                409,
                "SESSION_NOT_SCORED");

        room.moveTo(session.id, "CHECK_IN", room.proctor1.client());
        session.checkIn(submitted);
        session.checkInDoubtful(doubtful);
        session.checkIn(voided);
        room.moveTo(session.id, "RUNNING", room.proctor1.client());
        Instant now = Instant.now();
        ok(
                room.proctor1
                        .client()
                        .post(
                                "/api/sessions/" + session.id + "/incidents",
                                new JsonObject()
                                        .put("sittingId", submitted.sittingId())
                                        .put("kind", "TALKING")
                                        .put("severity", "ORDINARY")
                                        .put("description", "交头接耳")
                                        .put("videoFrom", now.minusSeconds(30).toString())
                                        .put("videoTo", now.toString())),
                201);
        ok(
                room.proctor1
                        .client()
                        .post("/api/sittings/" + voided.sittingId() + "/void", new JsonObject().put("reason", "使用手机")),
                200);
        ok(
                room.proctor2
                        .client()
                        .post("/api/sittings/" + voided.sittingId() + "/void", new JsonObject().put("reason", "使用手机")),
                200);
        fixture.handInAndScore(session);

        JsonObject published = fixture.publish(session);
        assertThat(published.getInteger("packages")).isEqualTo(4);
        assertThat(published.getJsonObject("outcomes").getMap())
                .containsEntry("SUBMITTED", 2)
                .containsEntry("VOIDED", 1)
                .containsEntry("ABSENT", 1);
        assertCode(
                room.admin.post("/api/sessions/" + session.id + "/publish", new JsonObject()),
                409,
                "RESULTS_ALREADY_PUBLISHED");

        fixture.awaitAllDelivered(session.id, Duration.ofSeconds(20));
        fixture.assertExactlyOnceAndSigned(session);
        assertThat(fixture.outbox(session.id))
                .allMatch(r -> r.getInteger("attempts") == 1 && !r.getBoolean("duplicate"));

        // What the province received, per sitting.
        Map<Long, JsonObject> packages = new HashMap<>();
        fixture.stored().values().forEach(e -> {
            JsonObject pkg = new JsonObject(e.getString("package"));
            packages.put(pkg.getLong("sittingId"), pkg);
        });
        JsonObject zhang = packages.get(submitted.sittingId());
        assertThat(zhang.getString("idempotencyKey"))
                .isEqualTo(Sm3.hex(("320100-test|" + submitted.sittingId() + "|1").getBytes(StandardCharsets.UTF_8)));
        assertThat(zhang.getString("outcome")).isEqualTo("SUBMITTED");
        assertThat(zhang.getString("operationItem")).isEqualTo("ELEC-LV");
        assertThat(zhang.getJsonObject("candidate").getString("fullName")).isEqualTo("张伟");
        assertThat(zhang.getJsonObject("candidate").getString("idNumberMasked")).contains("********");
        assertThat(zhang.getValue("score")).isInstanceOf(Number.class);
        assertThat(zhang.getInteger("seatNo")).isNotNull();
        assertThat(zhang.getLong("terminalId")).isNotNull();
        assertThat(zhang.getJsonObject("room").getString("name")).isEqualTo("第1考场");
        assertThat(zhang.getJsonObject("site").getString("name")).startsWith("考点");
        assertThat(zhang.getJsonObject("bureau").getString("name")).isEqualTo("测试市应急管理局");
        assertThat(zhang.getJsonObject("times").getString("submittedAt")).isNotNull();
        assertThat(zhang.getJsonObject("video").getString("from")).isNotNull();
        JsonArray incidents = zhang.getJsonArray("incidents");
        assertThat(incidents).hasSize(1);
        assertThat(incidents.getJsonObject(0).getString("kind")).isEqualTo("TALKING");
        assertThat(incidents.getJsonObject(0).getString("videoFrom")).isNotNull();
        assertThat(packages.get(doubtful.sittingId()).getBoolean("doubtful")).isTrue();
        assertThat(packages.get(doubtful.sittingId()).getInteger("faceFailures"))
                .isEqualTo(3);
        assertThat(zhang.getBoolean("doubtful")).isFalse();
        JsonObject zhao = packages.get(voided.sittingId());
        assertThat(zhao.getString("outcome")).isEqualTo("VOIDED");
        assertThat(zhao.getBoolean("passed")).isFalse();
        assertThat(zhao.getJsonArray("incidents").getJsonObject(0).getString("severity"))
                .isEqualTo("SERIOUS");
        JsonObject wang = packages.get(absent.sittingId());
        assertThat(wang.getString("outcome")).isEqualTo("ABSENT");
        assertThat(wang.getValue("score")).isNull();
        assertThat(wang.getBoolean("passed")).isFalse();
        assertThat(wang.getValue("video")).isNull();

        // The bureau's queue view: delivered, with masked numbers only and never the package.
        JsonObject view = ok(room.admin.get("/api/province/outbox?sessionId=" + session.id), 200);
        assertThat(view.getJsonArray("items")).hasSize(4);
        assertThat(view.getJsonObject("counts").getLong("DELIVERED")).isGreaterThanOrEqualTo(4);
        session.sittings.forEach(s -> assertThat(view.encode()).doesNotContain(s.idNumber()));
        assertThat(view.getJsonArray("items").getJsonObject(0).getString("status"))
                .isEqualTo("DELIVERED");
        // Publication and deliveries are in the audit chain, which stays intact.
        assertThat(fixture.count(
                        "SELECT count(*) AS n FROM audit_trail WHERE action = 'session.results_published' AND target = 'session:' || $1::bigint",
                        session.id))
                .isEqualTo(1);
        assertThat(TestServer.await(
                                new AuditChainVerifier(fixture.server.server().pool()).verify())
                        .ok())
                .isTrue();
    }

    @Test
    void whileTheProvinceIsDownPackagesWaitWithTheErrorAndGoOutOnceItIsBack() {
        ProvinceFixture.Session session = fixture.scoredSession(2, 1);
        fixture.stopSimulator();
        try {
            fixture.publish(session);
            fixture.awaitEvery(
                    session.id,
                    WAIT,
                    lastError("PLATFORM_UNREACHABLE")
                            .and(r -> "FAILING".equals(r.getString("status")) && r.getInteger("attempts") >= 2),
                    "retried while the province is down");
            JsonObject failing =
                    ok(session.room.admin.get("/api/province/outbox?status=FAILING&sessionId=" + session.id), 200);
            assertThat(failing.getJsonArray("items")).hasSize(3);
            assertThat(failing.getJsonArray("items").getJsonObject(0).getString("lastError"))
                    .contains("PLATFORM_UNREACHABLE");
            assertThat(failing.getJsonArray("items").getJsonObject(0).getString("nextAttemptAt"))
                    .isNotNull();
        } finally {
            fixture.startSimulator();
        }
        fixture.awaitAllDelivered(session.id, Duration.ofSeconds(15));
        fixture.assertExactlyOnceAndSigned(session);
    }

    @Test
    void aSlowProvinceGetsEachPackageOnceWhetherItAnswersInTimeOrNot() {
        // Slow but within the request timeout (2 s): one attempt each.
        fixture.simulator.behave(Mode.SLOW, 800);
        ProvinceFixture.Session inTime = fixture.scoredSession(2, 0);
        fixture.publish(inTime);
        fixture.awaitAllDelivered(inTime.id, Duration.ofSeconds(20));
        assertThat(fixture.outbox(inTime.id)).allMatch(r -> r.getInteger("attempts") == 1);
        fixture.assertExactlyOnceAndSigned(inTime);

        // Slower than the timeout: the province stores what the connector gave up waiting for; the resend is
        // recognised.
        fixture.simulator.behave(Mode.SLOW, 2600);
        ProvinceFixture.Session late = fixture.scoredSession(2, 0);
        fixture.publish(late);
        fixture.awaitEvery(late.id, WAIT, lastError("PLATFORM_TIMEOUT"), "timed out once");
        fixture.awaitEvery(
                late.id,
                WAIT,
                r -> fixture.simulator.packages().stream()
                        .anyMatch(p -> p.getString("idempotencyKey").equals(r.getString("key"))),
                "stored by the province all the same");
        fixture.simulator.behave(Mode.NORMAL, 0);
        fixture.awaitAllDelivered(late.id, Duration.ofSeconds(15));
        assertThat(fixture.outbox(late.id)).allMatch(r -> r.getBoolean("duplicate") && r.getInteger("attempts") >= 2);
        fixture.assertExactlyOnceAndSigned(late);
    }

    @Test
    void aProvinceThatProcessesTwiceOrLosesItsReceiptStillHoldsOnePackagePerResult() {
        fixture.simulator.behave(Mode.DUPLICATE, 0);
        long duplicatesBefore = fixture.simulator.counters().getLong("duplicates");
        ProvinceFixture.Session twice = fixture.scoredSession(2, 1);
        fixture.publish(twice);
        fixture.awaitAllDelivered(twice.id, Duration.ofSeconds(20));
        assertThat(fixture.simulator.counters().getLong("duplicates") - duplicatesBefore)
                .isGreaterThanOrEqualTo(3);
        fixture.assertExactlyOnceAndSigned(twice);

        // The province stores each package but its answers are lost: the connector retries, and gets the first receipt
        // back.
        fixture.simulator.behave(Mode.LOSE_RECEIPT, 0);
        ProvinceFixture.Session lost = fixture.scoredSession(2, 0);
        fixture.publish(lost);
        fixture.awaitEvery(
                lost.id,
                WAIT,
                lastError("RECEIPT_LOST").and(r -> "FAILING".equals(r.getString("status"))),
                "receipts lost");
        fixture.simulator.behave(Mode.NORMAL, 0);
        fixture.awaitAllDelivered(lost.id, Duration.ofSeconds(15));
        assertThat(fixture.outbox(lost.id)).allMatch(r -> r.getBoolean("duplicate"));
        fixture.assertExactlyOnceAndSigned(lost);
    }

    @Test
    void aPackageAlteredAtRestIsRefusedByTheProvinceAndShownFailingWithItsError() {
        fixture.simulator.behave(Mode.FAIL, 0);
        ProvinceFixture.Session session = fixture.scoredSession(2, 0);
        fixture.publish(session);
        fixture.awaitEvery(session.id, WAIT, lastError("PLATFORM_UNAVAILABLE"), "refused while the province fails");

        // Someone with database access raises a score by one point: one flipped bit in the signed bytes.
        JsonObject victim = fixture.outbox(session.id).get(0);
        DataKeyRing cipher = KeyMaterial.from(fixture.config).dataCipher();
        byte[] stored = TestServer.await(fixture.server
                        .server()
                        .pool()
                        .preparedQuery("SELECT package_enc FROM province_outbox WHERE id = $1")
                        .execute(Tuple.of(victim.getLong("id"))))
                .iterator()
                .next()
                .getBuffer("package_enc")
                .getBytes();
        byte[] plain = cipher.decrypt(stored);
        String text = new String(plain, StandardCharsets.UTF_8);
        String before = text.substring(0, text.indexOf("\"score\":") + "\"score\":".length());
        int at = before.getBytes(StandardCharsets.UTF_8).length;
        assertThat(Character.isDigit(plain[at])).isTrue();
        plain[at] ^= 1;
        TestServer.await(fixture.server
                .server()
                .pool()
                .preparedQuery("UPDATE province_outbox SET package_enc = $2 WHERE id = $1")
                .execute(Tuple.of(victim.getLong("id"), Buffer.buffer(cipher.encrypt(plain)))));

        fixture.simulator.behave(Mode.NORMAL, 0);
        fixture.awaitEvery(
                session.id,
                WAIT,
                r -> r.getString("status")
                        .equals(r.getLong("id").equals(victim.getLong("id")) ? "REJECTED" : "DELIVERED"),
                "the altered one refused, the other delivered");
        JsonObject rejected = fixture.outbox(session.id).stream()
                .filter(r -> r.getLong("id").equals(victim.getLong("id")))
                .findFirst()
                .orElseThrow();
        assertThat(rejected.getString("lastError"))
                .startsWith("HTTP 422 SIGNATURE_INVALID")
                .contains("签名验证失败")
                .contains("does not verify");
        assertThat(fixture.stored()).doesNotContainKey(victim.getString("key"));

        // The bureau sees it failing with the province's words, and may send it again (it is refused again).
        ExamRoom room = session.room;
        JsonArray shown = ok(room.admin.get("/api/province/outbox?status=REJECTED&sessionId=" + session.id), 200)
                .getJsonArray("items");
        assertThat(shown).hasSize(1);
        assertThat(shown.getJsonObject(0).getString("lastError")).contains("SIGNATURE_INVALID");
        int attempts = rejected.getInteger("attempts");
        assertThat(ok(room.admin.post("/api/province/outbox/" + victim.getLong("id") + "/retry", new JsonObject()), 200)
                        .getString("status"))
                .isEqualTo("PENDING");
        fixture.awaitEvery(
                session.id,
                WAIT,
                r -> !r.getLong("id").equals(victim.getLong("id"))
                        || "REJECTED".equals(r.getString("status")) && r.getInteger("attempts") > attempts,
                "refused again");
        long delivered = fixture.outbox(session.id).stream()
                .filter(r -> "DELIVERED".equals(r.getString("status")))
                .findFirst()
                .orElseThrow()
                .getLong("id");
        assertCode(
                room.admin.post("/api/province/outbox/" + delivered + "/retry", new JsonObject()),
                409,
                "ALREADY_DELIVERED");
        assertCode(
                room.admin.post("/api/province/outbox/999999999/retry", new JsonObject()),
                404,
                "OUTBOX_ITEM_NOT_FOUND");
    }

    @Test
    void registrationsAtTheProvinceBecomeCandidatesOfTheSessionOnce() {
        String first = ExamRoom.newIdNumber();
        String second = ExamRoom.newIdNumber();
        String broken = ExamRoom.newIdNumber();
        broken = broken.substring(0, 17) + (broken.charAt(17) == '1' ? '2' : '1');
        String chenPhoto = Base64.getEncoder().encodeToString(Photos.person(90, 0));
        fixture.simulator.addRegistration("陈晓明", first, "ELEC-LV", "甲安全培训学校", chenPhoto);
        fixture.simulator.addRegistration("周静", second, "ELEC-LV", "乙培训中心");
        fixture.simulator.addRegistration("孙强", ExamRoom.newIdNumber(), "WELD-FUSION", "甲安全培训学校");
        fixture.simulator.addRegistration("错号", broken, "ELEC-LV", "乙培训中心");
        ProvinceFixture.Session session = fixture.newSession();
        ExamRoom room = session.room;

        JsonObject pulled = ok(
                room.admin.post("/api/province/registrations/pull", new JsonObject().put("sessionId", session.id)),
                200);
        assertThat(pulled.getInteger("fetched")).isEqualTo(3);
        assertThat(pulled.getJsonArray("imported").stream()
                        .map(o -> ((JsonObject) o).getString("fullName"))
                        .toList())
                .containsExactly("陈晓明", "周静");
        assertThat(pulled.getJsonArray("imported").getJsonObject(0).getString("institution"))
                .isEqualTo("甲安全培训学校");
        // The photo taken at registration is enrolled; 周静 registered without one and is photographed at the door.
        assertThat(pulled.getJsonArray("imported").stream()
                        .map(o -> ((JsonObject) o).getBoolean("photo"))
                        .toList())
                .containsExactly(true, false);
        assertThat(pulled.getJsonArray("skipped")).hasSize(1);
        assertThat(pulled.getJsonArray("skipped").getJsonObject(0).getString("outcome"))
                .isEqualTo("INVALID_ID_NUMBER");
        assertThat(pulled.encode()).doesNotContain(first);
        assertThat(ok(room.admin.get("/api/sessions/" + session.id), 200).getLong("candidates"))
                .isEqualTo(2);

        JsonObject again = ok(
                room.admin.post("/api/province/registrations/pull", new JsonObject().put("sessionId", session.id)),
                200);
        assertThat(again.getInteger("fetched")).isZero();
        fixture.simulator.addRegistration("吴敏", ExamRoom.newIdNumber(), "ELEC-LV", "甲安全培训学校");
        JsonObject later = ok(
                room.admin.post("/api/province/registrations/pull", new JsonObject().put("sessionId", session.id)),
                200);
        assertThat(later.getJsonArray("imported")).hasSize(1);
        assertThat(ok(room.admin.get("/api/sessions/" + session.id), 200).getLong("candidates"))
                .isEqualTo(3);

        // A registration the province did not sign (injected on the way) stops the whole pull: nobody is imported.
        fixture.simulator.addRegistration("郑浩", ExamRoom.newIdNumber(), "ELEC-LV", "甲安全培训学校");
        String forged = fixture.simulator
                .addForgedRegistration("冒名", ExamRoom.newIdNumber(), "ELEC-LV", "乙培训中心")
                .registrationId();
        HttpResponse<Buffer> refused =
                room.admin.post("/api/province/registrations/pull", new JsonObject().put("sessionId", session.id));
        assertCode(refused, 502, "REGISTRATION_SIGNATURE_INVALID");
        assertThat(refused.bodyAsJsonObject().getJsonObject("message").getString("en"))
                .contains(forged);
        assertThat(ok(room.admin.get("/api/sessions/" + session.id), 200).getLong("candidates"))
                .isEqualTo(3);
        assertThat(fixture.count(
                        "SELECT count(*) AS n FROM audit_trail WHERE action = 'province.registrations_refused'"
                                + " AND target = 'session:' || $1::bigint",
                        session.id))
                .isEqualTo(1);

        room.moveTo(session.id, "CHECK_IN", room.proctor1.client());
        assertThat(ok(
                                room.proctor1
                                        .client()
                                        .post(
                                                "/api/sessions/" + session.id + "/checkin/identify",
                                                new JsonObject().put("idNumber", first)),
                                200)
                        .getString("enrolledPhoto"))
                .isEqualTo(chenPhoto);
        assertCode(
                room.admin.post("/api/province/registrations/pull", new JsonObject().put("sessionId", session.id)),
                409,
                "REGISTRATION_CLOSED");
        assertCode(room.admin.post("/api/province/registrations/pull", new JsonObject()), 400, "VALIDATION_FAILED");
        assertThat(fixture.count("SELECT count(*) AS n FROM province_registration WHERE session_id = $1", session.id))
                .isEqualTo(4);
    }
}
