package org.examhall.server.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.examhall.bank.assembly.PaperItem;
import org.examhall.bank.io.PaperJson;
import org.examhall.bank.question.AnswerKey;
import org.examhall.bank.question.QuestionType;
import org.examhall.server.exam.TerminalRoutes;
import org.examhall.server.http.Role;
import org.examhall.server.pii.ResidentIdNumber;
import org.examhall.server.staff.StaffProvisioning;

/**
 * A real exam room set up through the API as a bureau would: a site, a room with enrolled
 * terminals, two proctors, and a bureau admin to schedule sessions. Each test gets its own room.
 */
public final class ExamRoom {

    private static final AtomicInteger PEOPLE = new AtomicInteger(100);
    public static final String PASSWORD = "exam-room-pass-1";

    private final Supplier<ApiClient> clients;
    public final ApiClient admin;
    public final long roomId;
    public final List<Terminal> terminals = new ArrayList<>();
    public final Staff proctor1;
    public final Staff proctor2;

    public record Terminal(long id, int seatNo, String credential) {}

    public record Staff(long id, String username, ApiClient client) {}

    public record Candidate(long sittingId, String fullName, String idNumber, String ticketNo) {}

    private ExamRoom(Supplier<ApiClient> clients, ApiClient admin, long roomId, Staff proctor1, Staff proctor2) {
        this.clients = clients;
        this.admin = admin;
        this.roomId = roomId;
        this.proctor1 = proctor1;
        this.proctor2 = proctor2;
    }

    public static ExamRoom create(TestServer server, int terminalCount) {
        StaffProvisioning.Created adminAccount =
                server.createStaff(TestServer.uniqueName("bureau"), PASSWORD, Role.BUREAU_ADMIN);
        ApiClient admin = server.client().signedIn(adminAccount.username(), PASSWORD, adminAccount.totpSecret());
        return create(server::client, admin, proctor(server), proctor(server), terminalCount);
    }

    /** For a server this JVM did not start: the caller signs the staff in. */
    public static ExamRoom create(
            Supplier<ApiClient> clients, ApiClient admin, Staff proctor1, Staff proctor2, int terminalCount) {
        long siteId = ok(admin.post("/api/sites", new JsonObject().put("name", TestServer.uniqueName("考点"))), 201)
                .getLong("id");
        long roomId = ok(admin.post("/api/sites/" + siteId + "/rooms", new JsonObject().put("name", "第1考场")), 201)
                .getLong("id");
        ExamRoom room = new ExamRoom(clients, admin, roomId, proctor1, proctor2);
        JsonArray codes = ok(
                        admin.post(
                                "/api/rooms/" + roomId + "/enrol-codes",
                                new JsonObject().put("fromSeat", 1).put("toSeat", terminalCount)),
                        201)
                .getJsonArray("codes");
        for (int i = 0; i < codes.size(); i++) {
            JsonObject code = codes.getJsonObject(i);
            JsonObject enrolled = ok(
                    clients.get()
                            .post("/api/terminal/enrol", new JsonObject().put("code", code.getString("enrolCode"))),
                    201);
            room.terminals.add(new Terminal(
                    enrolled.getLong("terminalId"), enrolled.getInteger("seatNo"), enrolled.getString("credential")));
        }
        return room;
    }

    /** Registers a proctor gateway for this room's site; the answer carries its bearer token. */
    public JsonObject registerGateway() {
        return registerGateway("http://127.0.0.1:8090/");
    }

    /** Registers a proctor gateway reached at {@code publicUrl} for this room's site. */
    public JsonObject registerGateway(String publicUrl) {
        long siteId = ok(admin.get("/api/sites"), 200).getJsonArray("sites").stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getJsonArray("rooms").stream()
                        .map(JsonObject.class::cast)
                        .anyMatch(r -> r.getLong("id") == roomId))
                .findFirst()
                .orElseThrow()
                .getLong("id");
        return ok(
                admin.post(
                        "/api/gateways",
                        new JsonObject()
                                .put("name", TestServer.uniqueName("gw"))
                                .put("siteId", siteId)
                                .put("publicUrl", publicUrl)),
                201);
    }

    private static Staff proctor(TestServer server) {
        String name = TestServer.uniqueName("proctor");
        StaffProvisioning.Created account = server.createStaff(name, PASSWORD, Role.PROCTOR);
        return new Staff(account.id(), name, server.client().signedIn(name, PASSWORD, account.totpSecret()));
    }

    public long scheduleSession(String blueprintId, Integer durationMinutes, boolean showScore) {
        return scheduleSession(blueprintId, Instant.now(), durationMinutes, showScore);
    }

    /** A session at another time: the room takes one session at a time. */
    public long scheduleSession(String blueprintId, Instant startsAt, Integer durationMinutes, boolean showScore) {
        JsonObject body = new JsonObject()
                .put("roomId", roomId)
                .put("blueprintId", blueprintId)
                .put("startsAt", startsAt.toString())
                .put("proctorIds", new JsonArray().add(proctor1.id()).add(proctor2.id()))
                .put("showScore", showScore);
        if (durationMinutes != null) {
            body.put("durationMinutes", durationMinutes);
        }
        return ok(admin.post("/api/sessions", body), 201).getLong("id");
    }

    public Candidate addCandidate(long sessionId, String fullName, byte[] photo) {
        String id = newIdNumber();
        JsonObject body = new JsonObject().put("fullName", fullName).put("idNumber", id);
        if (photo != null) {
            body.put("photo", Base64.getEncoder().encodeToString(photo));
        }
        JsonObject added = ok(admin.post("/api/sessions/" + sessionId + "/candidates", body), 201);
        return new Candidate(added.getLong("sittingId"), fullName, id, added.getString("ticketNo"));
    }

    public JsonObject moveTo(long sessionId, String state, ApiClient who) {
        return ok(who.post("/api/sessions/" + sessionId + "/state", new JsonObject().put("state", state)), 200);
    }

    /**
     * The proctor at the door: the ID number, then a live capture of the same person (the enrolled
     * photo seed with sensor noise). Fails unless the candidate is admitted; returns the seat drawn.
     */
    public int checkIn(long sessionId, Candidate candidate, long faceSeed) {
        ok(
                proctor1.client()
                        .post(
                                "/api/sessions/" + sessionId + "/checkin/identify",
                                new JsonObject().put("idNumber", candidate.idNumber())),
                200);
        JsonObject admitted = ok(
                proctor1.client()
                        .post(
                                "/api/sittings/" + candidate.sittingId() + "/face",
                                new JsonObject()
                                        .put("photo", Base64.getEncoder().encodeToString(Photos.person(faceSeed, 10)))),
                200);
        if (!Boolean.TRUE.equals(admitted.getBoolean("checkedIn"))) {
            throw new AssertionError("face check failed: " + admitted.encode());
        }
        return admitted.getInteger("seatNo");
    }

    /** The terminal at a seat after its candidate confirmed with the admission ticket. */
    public ApiClient confirmedTerminal(int seat, String ticketNo) {
        ApiClient terminal = terminalClient(seat);
        return terminal.withHeader(
                TerminalRoutes.TOKEN_HEADER,
                ok(terminal.post("/api/terminal/confirm", new JsonObject().put("ticketNo", ticketNo)), 200)
                        .getString("candidateToken"));
    }

    /** A valid resident ID number not used before in this test JVM. */
    public static String newIdNumber() {
        int n = PEOPLE.incrementAndGet();
        String first17 =
                String.format("3201%02d%04d%02d%02d%03d", n % 90 + 10, 1960 + n % 40, n % 12 + 1, n % 28 + 1, n % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    public Terminal terminalAtSeat(int seat) {
        return terminals.stream().filter(t -> t.seatNo() == seat).findFirst().orElseThrow();
    }

    /** A client that speaks as the terminal at a seat. */
    public ApiClient terminalClient(int seat) {
        return clients.get()
                .withHeader("X-Terminal-Credential", terminalAtSeat(seat).credential());
    }

    /** Fails unless the response is the error with this status and code, in the common format. */
    public static void assertCode(HttpResponse<Buffer> response, int status, String code) {
        if (response.statusCode() != status
                || !code.equals(response.bodyAsJsonObject().getString("code"))) {
            throw new AssertionError("expected HTTP " + status + " " + code + " but got " + response.statusCode() + ": "
                    + response.bodyAsString());
        }
    }

    /** One answer change as a terminal sends it in an autosave: its sequence number, the item and the labels ("" clears). */
    public static JsonObject step(int seq, int item, String labels) {
        return new JsonObject().put("seq", seq).put("item", item).put("labels", labels);
    }

    public static JsonObject ok(HttpResponse<Buffer> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(
                    "expected HTTP " + status + " but got " + response.statusCode() + ": " + response.bodyAsString());
        }
        return response.bodyAsJsonObject();
    }

    /** The bureau reads the paper with its keys (a bureau right) and the terminal answers every item as keyed. */
    public static void answerCorrectly(ApiClient bureau, ApiClient terminal, long sittingId) {
        answerCorrectlyExcept(bureau, terminal, sittingId, Set.of());
    }

    /** As {@link #answerCorrectly}, leaving the questions {@code skipped} unanswered. */
    public static void answerCorrectlyExcept(
            ApiClient bureau, ApiClient terminal, long sittingId, Set<String> skipped) {
        JsonObject sheet = ok(bureau.get("/api/sittings/" + sittingId + "/answer-sheet"), 200);
        List<PaperItem> items;
        try {
            items = PaperJson.read(sheet.getJsonObject("paper").encode()).items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonArray steps = new JsonArray();
        int seq = 1;
        for (PaperItem item : items) {
            if (skipped.contains(item.question().id())) {
                continue;
            }
            AnswerKey key = item.question().content().answer();
            StringBuilder labels = new StringBuilder();
            for (int position = 0; position < item.optionOrder().size(); position++) {
                if (key.contains(item.optionOrder().originalAt(position))) {
                    labels.append((char) ('A' + position));
                }
            }
            steps.add(new JsonObject()
                    .put("seq", seq++)
                    .put("item", item.number())
                    .put("labels", labels.toString()));
        }
        ok(terminal.post("/api/exam/answers", new JsonObject().put("steps", steps)), 200);
    }

    /** The first single-choice question on the sitting's paper and a key for it that differs from the stored one. */
    public static JsonObject wrongKeyFix(ApiClient bureau, long sittingId) {
        JsonObject sheet = ok(bureau.get("/api/sittings/" + sittingId + "/answer-sheet"), 200);
        try {
            PaperItem item = PaperJson.read(sheet.getJsonObject("paper").encode()).items().stream()
                    .filter(i -> i.question().type() == QuestionType.SINGLE_CHOICE)
                    .findFirst()
                    .orElseThrow();
            String key = item.question().content().answer().letters();
            return new JsonObject().put("questionId", item.question().id()).put("key", key.equals("A") ? "B" : "A");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
