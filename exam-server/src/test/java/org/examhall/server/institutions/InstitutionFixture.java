package org.examhall.server.institutions;

import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.exam.TerminalRoutes;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;

/**
 * One node for the institution tests, with a bureau SM2 key pair configured (results can be
 * published and archives signed) and a body limit that admits 5 MB proofs; and the steps the tests
 * share, all over HTTP: register an institution with a contact, trainees and a class, apply with a
 * proof, review, and run a session to published results.
 */
final class InstitutionFixture {

    static final String PASSWORD = "institution-pass-1";
    static final String ITEM = "ELEC-LV";
    static final String BLUEPRINT = "DEMO-ELEC-LV";
    private static final AtomicInteger FACES = new AtomicInteger(20_000);

    private static TestServer node;
    private static PublicKey bureauPublic;

    private InstitutionFixture() {}

    static synchronized TestServer node() {
        if (node == null) {
            ExamhallConfig config = TestServer.newConfig();
            bureauPublic = TestServer.withBureauKeys(config);
            config.http.bodyLimitBytes = 8L * 1024 * 1024;
            node = TestServer.start(config);
            TestServer.seedDemoBank(node.server());
            Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        }
        return node;
    }

    static PublicKey bureauPublicKey() {
        node();
        return bureauPublic;
    }

    static ApiClient bureau() {
        TestServer server = node();
        StaffProvisioning.Created account =
                server.createStaff(TestServer.uniqueName("bureau"), PASSWORD, Role.BUREAU_ADMIN);
        return server.client().signedIn(account.username(), PASSWORD, account.totpSecret());
    }

    /** A registered institution with one signed-in contact. */
    record Institution(long id, String creditCode, String username, ApiClient contact) {}

    static Institution institution(ApiClient bureau, String... scope) {
        TestServer server = node();
        String code = creditCode();
        long id = ok(
                        bureau.post(
                                "/api/institutions",
                                new JsonObject()
                                        .put("name", TestServer.uniqueName("培训学校"))
                                        .put("creditCode", code)
                                        .put(
                                                "scope",
                                                new JsonArray(
                                                        List.of(scope.length == 0 ? new String[] {ITEM} : scope)))),
                        201)
                .getLong("id");
        StaffProvisioning.Created account =
                server.createStaff(TestServer.uniqueName("inst"), PASSWORD, Role.INSTITUTION);
        ok(bureau.post("/api/institutions/" + id + "/staff", new JsonObject().put("staffId", account.id())), 200);
        return new Institution(
                id, code, account.username(), server.client().signedIn(account.username(), PASSWORD, null));
    }

    /** A fresh valid unified social credit code. */
    static String creditCode() {
        StringBuilder first17 = new StringBuilder("9133");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (first17.length() < 17) {
            first17.append(CreditCode.ALPHABET.charAt(random.nextInt(CreditCode.ALPHABET.length())));
        }
        return first17.toString() + CreditCode.checkCharacter(first17.toString());
    }

    record Trainee(long id, String fullName, String idNumber, long faceSeed) {}

    static Trainee trainee(ApiClient contact, String fullName) {
        long seed = FACES.incrementAndGet();
        String idNumber = ExamRoom.newIdNumber();
        long id = ok(
                        contact.post(
                                "/api/trainees",
                                new JsonObject()
                                        .put("fullName", fullName)
                                        .put("idNumber", idNumber)
                                        .put("employer", "平阳某机械厂")
                                        .put("photo", Base64.getEncoder().encodeToString(Photos.person(seed, 0)))),
                        201)
                .getLong("id");
        return new Trainee(id, fullName, idNumber, seed);
    }

    /** A class of the item with 40 required hours; each trainee gets the hours given, over days from the start. */
    static long trainedClass(ApiClient contact, Map<Trainee, Integer> hours) {
        LocalDate start = LocalDate.now().minusDays(20);
        long classId = ok(
                        contact.post(
                                "/api/classes",
                                new JsonObject()
                                        .put("name", TestServer.uniqueName("低压电工第1期"))
                                        .put("operationItem", ITEM)
                                        .put("startsOn", start.toString())
                                        .put("endsOn", start.plusDays(10).toString())
                                        .put("requiredHours", 40)),
                        201)
                .getLong("id");
        hours.forEach((trainee, total) -> {
            JsonArray days = new JsonArray();
            int left = total;
            for (int day = 0; left > 0; day++) {
                int today = Math.min(8, left);
                days.add(new JsonObject()
                        .put("day", start.plusDays(day).toString())
                        .put("hours", today));
                left -= today;
            }
            ok(
                    contact.post(
                            "/api/classes/" + classId + "/members",
                            new JsonObject().put("traineeId", trainee.id()).put("attendance", days)),
                    200);
        });
        return classId;
    }

    static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% 社保缴纳证明 2026-01..03\n%%EOF\n"
                .getBytes(StandardCharsets.UTF_8);
    }

    static HttpResponse<Buffer> upload(ApiClient contact, long applicationId, String fileName, byte[] content) {
        return contact.send(
                HttpMethod.POST,
                "/api/applications/" + applicationId + "/proofs?fileName=" + fileName,
                Buffer.buffer(content));
    }

    /** A draft application for the class (all members), a PDF proof, submitted. */
    static long submitted(ApiClient contact, long classId) {
        long id = ok(contact.post("/api/applications", new JsonObject().put("classId", classId)), 201)
                .getLong("id");
        ok(upload(contact, id, "shebao.pdf", pdf()), 201);
        ok(contact.post("/api/applications/" + id + "/submit", new JsonObject()), 200);
        return id;
    }

    static void approve(ApiClient bureau, long applicationId) {
        ok(
                bureau.post(
                        "/api/applications/" + applicationId + "/review", new JsonObject().put("decision", "APPROVE")),
                200);
    }

    static ExamRoom room() {
        return ExamRoom.create(node(), 25);
    }

    /**
     * Takes a session whose candidates are in from check-in to published results over HTTP: every
     * candidate passes the face check, confirms at their terminal, answers (all correct for those in
     * {@code passers}, nothing for the rest) and hands in; two proctors sign; the bureau scores and publishes.
     */
    static void runToPublished(ExamRoom room, long sessionId, List<Trainee> everyone, List<Trainee> passers) {
        runToScored(room, sessionId, everyone, passers);
        ok(room.admin.post("/api/sessions/" + sessionId + "/publish", new JsonObject()), 200);
    }

    /** As {@link #runToPublished} without the publication. */
    static void runToScored(ExamRoom room, long sessionId, List<Trainee> everyone, List<Trainee> passers) {
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        sitToScored(room, sessionId, everyone, passers);
    }

    /** As {@link #runToScored} for a session whose check-in is already open. */
    static void sitToScored(ExamRoom room, long sessionId, List<Trainee> everyone, List<Trainee> passers) {
        Map<Long, ApiClient> terminals = new LinkedHashMap<>();
        Map<Long, Trainee> bySitting = new LinkedHashMap<>();
        JsonArray results = ok(room.admin.get("/api/sessions/" + sessionId + "/results"), 200)
                .getJsonArray("results");
        for (Trainee trainee : everyone) {
            JsonObject found = ok(
                    room.proctor1
                            .client()
                            .post(
                                    "/api/sessions/" + sessionId + "/checkin/identify",
                                    new JsonObject().put("idNumber", trainee.idNumber())),
                    200);
            long sittingId = found.getLong("sittingId");
            JsonObject face = ok(
                    room.proctor1
                            .client()
                            .post(
                                    "/api/sittings/" + sittingId + "/face",
                                    new JsonObject()
                                            .put(
                                                    "photo",
                                                    Base64.getEncoder()
                                                            .encodeToString(Photos.person(trainee.faceSeed(), 10)))),
                    200);
            if (!Boolean.TRUE.equals(face.getBoolean("checkedIn"))) {
                throw new AssertionError("face check failed: " + face.encode());
            }
            String ticket = results.stream()
                    .map(JsonObject.class::cast)
                    .filter(r -> r.getLong("sittingId") == sittingId)
                    .findFirst()
                    .orElseThrow()
                    .getString("ticketNo");
            ApiClient terminal = room.terminalClient(face.getInteger("seatNo"));
            terminal.withHeader(
                    TerminalRoutes.TOKEN_HEADER,
                    ok(terminal.post("/api/terminal/confirm", new JsonObject().put("ticketNo", ticket)), 200)
                            .getString("candidateToken"));
            terminals.put(sittingId, terminal);
            bySitting.put(sittingId, trainee);
        }
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        terminals.forEach((sittingId, terminal) -> {
            terminal.withHeader(
                    TerminalRoutes.TOKEN_HEADER,
                    ok(terminal.get("/api/exam/paper"), 200).getString("candidateToken"));
            if (passers.contains(bySitting.get(sittingId))) {
                ExamRoom.answerCorrectly(room.admin, terminal, sittingId);
            } else {
                ok(
                        terminal.post(
                                "/api/exam/answers",
                                new JsonObject()
                                        .put(
                                                "steps",
                                                new JsonArray()
                                                        .add(new JsonObject()
                                                                .put("seq", 1)
                                                                .put("item", 1)
                                                                .put("labels", "")))),
                        200);
            }
            ok(terminal.post("/api/exam/submit", new JsonObject()), 200);
        });
        room.moveTo(sessionId, "CLOSED", room.proctor1.client());
        ok(room.proctor1.client().post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()), 200);
        ok(room.proctor2.client().post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()), 200);
        room.moveTo(sessionId, "SCORED", room.admin);
    }
}
