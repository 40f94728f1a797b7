package org.examhall.server.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;
import static org.examhall.server.testing.ExamRoom.step;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.examhall.server.audit.AuditChainVerifier;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * One whole sitting, played over real HTTP against a running node and PostgreSQL, the way a room
 * runs it: schedule, check in with a face check (and the doubtful path), bind seat and terminal,
 * confirm with the ticket, answer with autosave (resends, out-of-order sequences, a terminal move,
 * a pause), hand in, the deadline hand-in of a candidate whose terminal is gone, the room record
 * signed by two proctors, and the results.
 */
class ExamWalkthroughTest {

    private final TestServer server = TestServer.shared();

    @Test
    void aWholeSittingFromCheckInToResults() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, true);
        byte[] zhangFace = Photos.person(7, 0);
        ExamRoom.Candidate zhang = room.addCandidate(sessionId, "张伟", zhangFace);
        ExamRoom.Candidate li = room.addCandidate(sessionId, "李娜", Photos.person(8, 0));
        ExamRoom.Candidate wang = room.addCandidate(sessionId, "王芳", Photos.person(9, 0));

        JsonObject checkIn = room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        assertThat(checkIn.getString("state")).isEqualTo("CHECK_IN");

        // 张伟: ID number at the door, then a live capture of the same person (with sensor noise) matches.
        ApiClient door = room.proctor1.client();
        JsonObject found = ok(
                door.post(
                        "/api/sessions/" + sessionId + "/checkin/identify",
                        new JsonObject().put("idNumber", zhang.idNumber())),
                200);
        assertThat(found.getString("fullName")).isEqualTo("张伟");
        assertThat(found.getString("enrolledPhoto")).isNotBlank();
        int zhangSeat = found.getInteger("seatNo");
        JsonObject admitted = face(door, zhang.sittingId(), Photos.person(7, 12));
        assertThat(admitted.getBoolean("checkedIn")).as(admitted.encode()).isTrue();
        assertThat(admitted.getBoolean("doubtful")).isFalse();

        // 李娜: three mismatches, then only two different proctors together admit her, as doubtful.
        for (int attempt = 1; attempt <= 3; attempt++) {
            JsonObject miss = face(door, li.sittingId(), Photos.person(1000 + attempt, 0));
            assertThat(miss.getBoolean("checkedIn")).isFalse();
            assertThat(miss.getInteger("faceFailures")).isEqualTo(attempt);
        }
        assertCode(
                door.post("/api/sittings/" + li.sittingId() + "/face", photoBody(Photos.person(8, 5))),
                409,
                "FACE_ATTEMPTS_EXHAUSTED");
        assertThat(ok(door.post("/api/sittings/" + li.sittingId() + "/doubtful", new JsonObject()), 200)
                        .getBoolean("checkedIn"))
                .isFalse();
        assertCode(
                door.post("/api/sittings/" + li.sittingId() + "/doubtful", new JsonObject()),
                409,
                "SECOND_PROCTOR_REQUIRED");
        JsonObject doubtful =
                ok(room.proctor2.client().post("/api/sittings/" + li.sittingId() + "/doubtful", new JsonObject()), 200);
        assertThat(doubtful.getBoolean("checkedIn")).isTrue();
        assertThat(doubtful.getBoolean("doubtful")).isTrue();
        int liSeat = doubtful.getInteger("seatNo");

        // 王芳 never arrives: she stays absent.
        // The terminal at 张伟's seat shows him, and he confirms with his admission ticket.
        ApiClient terminal = room.terminalClient(zhangSeat);
        JsonObject state = ok(terminal.get("/api/terminal/state"), 200);
        assertThat(state.getJsonObject("candidate").getString("fullName")).isEqualTo("张伟");
        assertCode(
                terminal.post("/api/terminal/confirm", new JsonObject().put("ticketNo", "0000000000")),
                401,
                "TICKET_MISMATCH");
        String token = ok(
                        terminal.post("/api/terminal/confirm", new JsonObject().put("ticketNo", zhang.ticketNo())), 200)
                .getString("candidateToken");
        terminal.withHeader(TerminalRoutes.TOKEN_HEADER, token);
        assertCode(terminal.get("/api/exam/paper"), 409, "EXAM_NOT_STARTED");

        JsonObject running = room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        assertThat(running.getString("state")).isEqualTo("RUNNING");

        JsonObject paper = ok(terminal.get("/api/exam/paper"), 200);
        String paperText = paper.getJsonObject("paper").encode();
        assertThat(paperText)
                .doesNotContainIgnoringCase("answer")
                .doesNotContainIgnoringCase("key")
                .doesNotContainIgnoringCase("correct");
        assertThat(paper.getLong("remainingMs")).isBetween(59 * 60_000L, 60 * 60_000L);
        terminal.withHeader(TerminalRoutes.TOKEN_HEADER, paper.getString("candidateToken"));
        // The token copied to another machine is worthless without that terminal's own credential.
        int elsewhere = zhangSeat == 1 ? 2 : 1;
        assertCode(
                room.terminalClient(elsewhere)
                        .withHeader(TerminalRoutes.TOKEN_HEADER, paper.getString("candidateToken"))
                        .get("/api/exam/paper"),
                401,
                "CANDIDATE_TOKEN_INVALID");

        // Autosaves: a resend is idempotent, and a higher sequence wins whatever the arrival order.
        assertThat(save(terminal, 1, 1, "A")).isEqualTo("STORED");
        assertThat(save(terminal, 2, 2, "B")).isEqualTo("STORED");
        assertThat(save(terminal, 1, 1, "C")).isEqualTo("DUPLICATE");
        assertThat(save(terminal, 3, 1, "B")).isEqualTo("STORED");
        assertThat(save(terminal, 5, 3, "A")).isEqualTo("STORED");
        assertThat(save(terminal, 4, 3, "B")).isEqualTo("STORED");
        assertThat(save(terminal, 6, 4, "")).isEqualTo("STORED");
        assertCode(answers(terminal, step(7, 999, "A")), 400, "ITEM_OUT_OF_RANGE");
        assertCode(answers(terminal, step(7, 5, "Z")), 400, "VALIDATION_FAILED");
        assertCode(
                server.client()
                        .withHeader(TerminalRoutes.TOKEN_HEADER, token + "x")
                        .post("/api/exam/answers", new JsonObject().put("steps", new JsonArray().add(step(7, 5, "A")))),
                401,
                "CANDIDATE_TOKEN_INVALID");

        // A reload resumes exactly where the candidate was.
        JsonObject resumed = ok(terminal.get("/api/exam/paper"), 200);
        assertThat(resumed.getJsonObject("answers").getMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("1", "B", "2", "B", "3", "A", "4", ""));
        assertThat(resumed.getInteger("lastSeq")).isEqualTo(6);

        // The terminal fails: a proctor moves him to seat 25's terminal; the old token stops working, answers move
        // along.
        int spare = room.terminals.stream()
                .mapToInt(ExamRoom.Terminal::seatNo)
                .filter(s -> s != zhangSeat && s != liSeat && !seatTaken(sessionId, s))
                .max()
                .orElseThrow();
        ok(
                room.proctor2
                        .client()
                        .post("/api/sittings/" + zhang.sittingId() + "/move", new JsonObject().put("seatNo", spare)),
                200);
        assertCode(answers(terminal, step(7, 5, "C")), 409, "SITTING_NOT_ANSWERING");
        ApiClient moved = room.terminalClient(spare);
        moved.withHeader(
                TerminalRoutes.TOKEN_HEADER,
                ok(moved.post("/api/terminal/confirm", new JsonObject().put("ticketNo", zhang.ticketNo())), 200)
                        .getString("candidateToken"));
        moved.withHeader(
                TerminalRoutes.TOKEN_HEADER,
                ok(moved.get("/api/exam/paper"), 200).getString("candidateToken"));
        assertThat(save(moved, 7, 5, "CA")).isEqualTo("STORED");

        // Pause: nothing is accepted and the clock stands still; resume gives the time back; extra time adds to it.
        ok(room.proctor1.client().post("/api/sittings/" + zhang.sittingId() + "/pause", new JsonObject()), 200);
        assertCode(answers(moved, step(8, 6, "A")), 409, "SITTING_NOT_ANSWERING");
        long pausedLeft =
                ok(moved.post("/api/exam/heartbeat", new JsonObject()), 200).getLong("remainingMs");
        Thread.sleep(1200);
        assertThat(ok(moved.post("/api/exam/heartbeat", new JsonObject()), 200).getLong("remainingMs"))
                .isEqualTo(pausedLeft);
        ok(room.proctor1.client().post("/api/sittings/" + zhang.sittingId() + "/resume", new JsonObject()), 200);
        ok(
                room.proctor1
                        .client()
                        .post(
                                "/api/sittings/" + zhang.sittingId() + "/extra-time",
                                new JsonObject().put("minutes", 5).put("reason", "终端故障更换")),
                200);
        long afterExtra =
                ok(moved.post("/api/exam/heartbeat", new JsonObject()), 200).getLong("remainingMs");
        assertThat(afterExtra).isGreaterThan(pausedLeft + 4 * 60_000L);
        assertThat(save(moved, 8, 6, "A")).isEqualTo("STORED");

        // A warning reaches the terminal at its next heartbeat.
        ok(
                room.proctor1
                        .client()
                        .post(
                                "/api/sittings/" + zhang.sittingId() + "/warn",
                                new JsonObject().put("message", "请勿左顾右盼")),
                200);
        assertThat(ok(moved.post("/api/exam/heartbeat", new JsonObject()), 200).getString("warning"))
                .isEqualTo("请勿左顾右盼");

        // 张伟 hands in; the score is shown because the session says so.
        JsonObject handedIn = ok(moved.post("/api/exam/submit", new JsonObject()), 200);
        assertThat(handedIn.getBoolean("submitted")).isTrue();
        assertThat(handedIn.getDouble("score")).isBetween(0.0, 100.0);
        assertCode(answers(moved, step(9, 7, "A")), 409, "SITTING_NOT_ANSWERING");

        // 李娜's terminal is gone: the server hands her in at her deadline all the same.
        TestServer.await(server.server()
                .pool()
                .preparedQuery("UPDATE sitting SET deadline = now() - interval '3 seconds' WHERE id = $1")
                .execute(Tuple.of(li.sittingId())));
        long until = System.currentTimeMillis() + 15_000;
        String liStatus;
        do {
            Thread.sleep(200);
            liStatus = TestServer.await(server.server()
                            .pool()
                            .preparedQuery("SELECT status FROM sitting WHERE id = $1")
                            .execute(Tuple.of(li.sittingId())))
                    .iterator()
                    .next()
                    .getString("status");
        } while (!"SUBMITTED".equals(liStatus) && System.currentTimeMillis() < until);
        assertThat(liStatus).isEqualTo("SUBMITTED");

        // Close, sign the room record twice (two different proctors), and confirm the scores.
        assertCode(
                room.admin.post("/api/sessions/" + sessionId + "/state", new JsonObject().put("state", "SCORED")),
                409,
                "BAD_SESSION_TRANSITION");
        room.moveTo(sessionId, "CLOSED", room.proctor1.client());
        JsonObject record = ok(room.proctor1.client().get("/api/sessions/" + sessionId + "/room-record"), 200);
        assertThat(record.getJsonObject("attendance").getInteger("present")).isEqualTo(2);
        assertThat(record.getJsonObject("attendance").getInteger("absent")).isEqualTo(1);
        assertCode(
                room.admin.post("/api/sessions/" + sessionId + "/state", new JsonObject().put("state", "SCORED")),
                409,
                "ROOM_RECORD_NOT_SIGNED");
        ok(room.proctor1.client().post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()), 200);
        assertCode(
                room.proctor1.client().post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()),
                409,
                "ALREADY_SIGNED");
        // The second proctor sees who has signed, and that it was this version of the record, before signing too.
        JsonArray signedSoFar = ok(room.proctor2.client().get("/api/sessions/" + sessionId + "/room-record"), 200)
                .getJsonArray("signatures");
        assertThat(signedSoFar).hasSize(1);
        assertThat(signedSoFar.getJsonObject(0).getLong("staffId")).isEqualTo(room.proctor1.id());
        assertThat(signedSoFar.getJsonObject(0).getBoolean("matchesRecord")).isTrue();
        assertThat(signedSoFar.getJsonObject(0).getString("signedAt")).isNotBlank();
        assertThat(ok(
                                room.proctor2
                                        .client()
                                        .post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()),
                                200)
                        .getLong("signatures"))
                .isEqualTo(2);
        assertThat(room.moveTo(sessionId, "SCORED", room.admin).getString("state"))
                .isEqualTo("SCORED");

        // The bureau's results: the stored answers are exactly what the terminals had acknowledged.
        JsonArray results = ok(room.admin.get("/api/sessions/" + sessionId + "/results"), 200)
                .getJsonArray("results");
        Map<String, JsonObject> byName = new TreeMap<>();
        results.forEach(r -> byName.put(((JsonObject) r).getString("fullName"), (JsonObject) r));
        assertThat(byName.get("张伟").getString("status")).isEqualTo("SUBMITTED");
        assertThat(byName.get("李娜").getBoolean("doubtful")).isTrue();
        assertThat(byName.get("李娜").getString("submitReason")).isEqualTo("DEADLINE");
        assertThat(byName.get("王芳").getString("status")).isEqualTo("REGISTERED");
        JsonObject sheet = ok(room.admin.get("/api/sittings/" + zhang.sittingId() + "/answer-sheet"), 200);
        assertThat(sheet.getJsonObject("answers").getMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("1", "B", "2", "B", "3", "A", "4", "", "5", "AC", "6", "A"));
        assertThat(sheet.getJsonObject("report")).isNotNull();
        HttpResponse<Buffer> csv = room.admin.get("/api/sessions/" + sessionId + "/results.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.bodyAsString())
                .contains("准考证号")
                .contains("状态,状态代码")
                .contains("张伟")
                .contains(zhang.ticketNo())
                .contains(",已交卷,SUBMITTED,");
        assertThat(room.admin
                        .get("/api/sessions/" + sessionId + "/results.xlsx")
                        .body()
                        .getBytes())
                .startsWith('P', 'K');

        assertThat(TestServer.await(new AuditChainVerifier(server.server().pool()).verify())
                        .ok())
                .isTrue();
    }

    @Test
    void aSessionNeedsAnApprovedRoomAndTwoProctors() {
        ExamRoom small = ExamRoom.create(server, 10);
        JsonObject body = new JsonObject()
                .put("roomId", small.roomId)
                .put("blueprintId", "DEMO-ELEC-LV")
                .put("startsAt", "2026-12-01T01:30:00Z")
                .put("proctorIds", new JsonArray().add(small.proctor1.id()).add(small.proctor2.id()));
        assertCode(small.admin.post("/api/sessions", body), 409, "ROOM_NOT_APPROVED");
        ExamRoom room = ExamRoom.create(server, 25);
        JsonObject oneProctor =
                body.copy().put("roomId", room.roomId).put("proctorIds", new JsonArray().add(room.proctor1.id()));
        assertCode(room.admin.post("/api/sessions", oneProctor), 400, "TOO_FEW_PROCTORS");
        JsonObject sameTwice = body.copy()
                .put("roomId", room.roomId)
                .put("proctorIds", new JsonArray().add(room.proctor1.id()).add(room.proctor1.id()));
        assertCode(room.admin.post("/api/sessions", sameTwice), 400, "TOO_FEW_PROCTORS");
        JsonObject notProctors = body.copy()
                .put("roomId", room.roomId)
                .put("proctorIds", new JsonArray().add(1).add(2));
        assertCode(room.admin.post("/api/sessions", notProctors), 400, "NOT_A_PROCTOR");
        JsonObject noBlueprint = body.copy()
                .put("roomId", room.roomId)
                .put("blueprintId", "NO-SUCH")
                .put("proctorIds", new JsonArray().add(room.proctor1.id()).add(room.proctor2.id()));
        assertCode(room.admin.post("/api/sessions", noBlueprint), 404, "BLUEPRINT_NOT_FOUND");
        long before = countSessions();
        assertThat(countSessions()).isEqualTo(before);
    }

    @Test
    void aProctorActsOnlyInTheirOwnSessions() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate candidate = room.addCandidate(sessionId, "赵磊", Photos.person(3, 0));
        ExamRoom other = ExamRoom.create(server, 25);
        assertCode(
                other.proctor1
                        .client()
                        .post("/api/sessions/" + sessionId + "/state", new JsonObject().put("state", "CHECK_IN")),
                403,
                "NOT_ASSIGNED_PROCTOR");
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        assertCode(
                other.proctor1
                        .client()
                        .post(
                                "/api/sessions/" + sessionId + "/checkin/identify",
                                new JsonObject().put("idNumber", candidate.idNumber())),
                403,
                "NOT_ASSIGNED_PROCTOR");
        assertCode(other.proctor1.client().get("/api/sessions/" + sessionId + "/grid"), 403, "NOT_ASSIGNED_PROCTOR");
        assertCode(
                room.proctor1
                        .client()
                        .post("/api/sessions/" + sessionId + "/state", new JsonObject().put("state", "SCORED")),
                403,
                "FORBIDDEN");
    }

    @Test
    void theDoorIsClosedBeforeCheckInOpensAndActionsNeedACandidateInTheRoom() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate candidate = room.addCandidate(sessionId, "钱勇", Photos.person(5, 0));
        assertCode(
                room.proctor1
                        .client()
                        .post(
                                "/api/sessions/" + sessionId + "/checkin/identify",
                                new JsonObject().put("idNumber", candidate.idNumber())),
                409,
                "CHECK_IN_CLOSED");
        assertCode(
                room.proctor1
                        .client()
                        .post("/api/sittings/" + candidate.sittingId() + "/face", photoBody(Photos.person(5, 0))),
                409,
                "CHECK_IN_CLOSED");
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        // An absent candidate cannot be warned, moved or voided.
        assertCode(
                room.proctor1
                        .client()
                        .post(
                                "/api/sittings/" + candidate.sittingId() + "/warn",
                                new JsonObject().put("message", "请保持安静")),
                409,
                "SITTING_NOT_IN_PROGRESS");
        assertCode(
                room.proctor1
                        .client()
                        .post("/api/sittings/" + candidate.sittingId() + "/void", new JsonObject().put("reason", "替考")),
                409,
                "SITTING_NOT_IN_PROGRESS");
    }

    private long countSessions() {
        return TestServer.await(server.server()
                        .pool()
                        .query("SELECT count(*) AS n FROM exam_session")
                        .execute())
                .iterator()
                .next()
                .getLong("n");
    }

    private boolean seatTaken(long sessionId, int seat) {
        return TestServer.await(server.server()
                                .pool()
                                .preparedQuery("SELECT 1 FROM sitting WHERE session_id = $1 AND seat_no = $2")
                                .execute(Tuple.of(sessionId, seat)))
                        .size()
                > 0;
    }

    private static JsonObject face(ApiClient proctor, long sittingId, byte[] photo) {
        return ok(proctor.post("/api/sittings/" + sittingId + "/face", photoBody(photo)), 200);
    }

    private static JsonObject photoBody(byte[] photo) {
        return new JsonObject().put("photo", Base64.getEncoder().encodeToString(photo));
    }

    private static HttpResponse<Buffer> answers(ApiClient terminal, JsonObject step) {
        return terminal.post("/api/exam/answers", new JsonObject().put("steps", new JsonArray().add(step)));
    }

    private static String save(ApiClient terminal, int seq, int item, String labels) {
        JsonObject body = ok(answers(terminal, step(seq, item, labels)), 200);
        return body.getJsonArray("results").getJsonObject(0).getString("outcome");
    }
}
