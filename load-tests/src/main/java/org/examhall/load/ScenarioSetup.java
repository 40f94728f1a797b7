package org.examhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sets an exam up over the real API, as a bureau and its proctors would: a site, rooms with enrolled
 * terminals (enrolment codes issued 200 at a time), one session per room with two proctors, a
 * candidate with a photo for every seat, check-in opened (seats drawn), every candidate identified
 * and face-checked at the door, and every terminal confirmed with its candidate's admission ticket.
 */
final class ScenarioSetup {

    private static final int CODES_PER_REQUEST = 200;

    /** One room and its session. */
    record Session(int roomIndex, long roomId, long sessionId, List<SimulatedTerminal> terminals) {}

    record Scenario(
            StaffSession admin,
            List<StaffSession> proctors,
            List<Session> sessions,
            List<SimulatedTerminal> terminals) {}

    private record Code(int roomIndex, String code) {}

    private record Registered(int sessionIndex, long sittingId, String ticketNo, CandidateFactory.Candidate person) {}

    private final Vertx vertx;
    private final SimulatorOptions options;
    private final StaffEndpoints staffEndpoints;
    private final TerminalClients terminalClients;
    private final List<Context> terminalContexts;
    private final FaultMarks marks;
    private final LatencyRecorder latency;
    private final RunCounters counters;
    private final ProgressBar progress;
    private final Context context;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final CandidateFactory people;
    private final long timeoutMs;

    ScenarioSetup(
            Vertx vertx,
            SimulatorOptions options,
            StaffEndpoints staffEndpoints,
            TerminalClients terminalClients,
            List<Context> terminalContexts,
            FaultMarks marks,
            LatencyRecorder latency,
            RunCounters counters,
            ProgressBar progress) {
        this.vertx = vertx;
        this.options = options;
        this.staffEndpoints = staffEndpoints;
        this.terminalClients = terminalClients;
        this.terminalContexts = terminalContexts;
        this.marks = marks;
        this.latency = latency;
        this.counters = counters;
        this.progress = progress;
        this.context = vertx.getOrCreateContext();
        this.people = new CandidateFactory(options.seed);
        this.timeoutMs = TimeUnit.SECONDS.toMillis(options.requestTimeoutSeconds);
    }

    String runId() {
        return runId;
    }

    /** Blocking: runs every setup phase in turn and reports each on its own line. */
    Scenario run() {
        StaffSession admin = phase(
                "sign in as " + options.adminUser,
                () -> StaffSession.signIn(
                        staffEndpoints, options.adminUser, options.adminPassword, options.adminTotpSecret, timeoutMs));
        JsonArray staff =
                phase("staff directory", () -> admin.get("/api/staff")).getJsonArray("staff");
        List<Long> proctorIds = new ArrayList<>();
        List<StaffSession> proctors = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String username = options.proctors.get(i);
            proctorIds.add(staff.stream()
                    .map(JsonObject.class::cast)
                    .filter(s -> username.equals(s.getString("username")))
                    .filter(s -> "PROCTOR".equals(s.getString("role")))
                    .map(s -> s.getLong("id"))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalStateException("no proctor account named " + username + " on the server")));
            String secret = i < options.proctorTotpSecrets.size() ? options.proctorTotpSecrets.get(i) : null;
            proctors.add(phase(
                    "sign in as " + username,
                    () -> StaffSession.signIn(staffEndpoints, username, options.proctorPassword, secret, timeoutMs)));
        }

        // Rooms: as even as possible, each at least 25 seats (checked by the options).
        int rooms = options.rooms();
        int[] seats = new int[rooms];
        for (int i = 0; i < options.terminals; i++) {
            seats[i % rooms]++;
        }
        long siteId = phase(
                        "create site",
                        () -> admin.post(
                                "/api/sites",
                                new JsonObject()
                                        .put("name", "负载测试考点 " + runId)
                                        .put("address", "load test run " + runId)))
                .getLong("id");
        long[] roomIds = new long[rooms];
        for (int r = 0; r < rooms; r++) {
            int room = r;
            roomIds[r] = phase(
                            "create room " + (r + 1),
                            () -> admin.post(
                                    "/api/sites/" + siteId + "/rooms",
                                    new JsonObject().put("name", "第" + (room + 1) + "考场")))
                    .getLong("id");
        }

        List<Code> codes = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            for (int from = 1; from <= seats[r]; from += CODES_PER_REQUEST) {
                int to = Math.min(seats[r], from + CODES_PER_REQUEST - 1);
                int room = r;
                int first = from;
                JsonArray issued = phase(
                                null,
                                () -> admin.post(
                                        "/api/rooms/" + roomIds[room] + "/enrol-codes",
                                        new JsonObject().put("fromSeat", first).put("toSeat", to)))
                        .getJsonArray("codes");
                issued.forEach(c -> codes.add(new Code(room, ((JsonObject) c).getString("enrolCode"))));
            }
        }

        AtomicLong enrolled = new AtomicLong();
        AtomicInteger terminalIndex = new AtomicInteger();
        List<SimulatedTerminal> terminals = timed(
                "enrol " + codes.size() + " terminals",
                enrolled,
                codes.size(),
                () -> Concurrently.each(context, codes, options.setupConcurrency, enrolled, code -> {
                    WebClient client = terminalClients.next();
                    int index = terminalIndex.getAndIncrement();
                    // Its connection is opened from, and stays on, the terminal's own event loop: terminals spread over
                    // all loops.
                    Context home = terminalContexts.get(index % terminalContexts.size());
                    long start = System.nanoTime();
                    return Contexts.on(
                                    home,
                                    () -> client.post("/api/terminal/enrol")
                                            .timeout(timeoutMs)
                                            .sendJsonObject(new JsonObject().put("code", code.code())))
                            .compose(response -> Http.json("enrol", response))
                            .map(body -> {
                                latency.record("enrol", start);
                                return new SimulatedTerminal(
                                        index,
                                        body.getLong("terminalId"),
                                        code.roomIndex(),
                                        body.getInteger("seatNo"),
                                        body.getString("credential"),
                                        client,
                                        home,
                                        latency,
                                        counters,
                                        marks,
                                        options,
                                        options.seed * 1_000_003L + body.getLong("terminalId"));
                            });
                }));
        Map<Long, SimulatedTerminal> byTerminalId = new HashMap<>();
        terminals.forEach(t -> byTerminalId.put(t.terminalId, t));

        List<Long> sessionIds = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            JsonObject body = new JsonObject()
                    .put("roomId", roomIds[r])
                    .put("blueprintId", options.blueprint)
                    .put("title", "负载测试 " + runId + " 第" + (r + 1) + "考场")
                    .put("startsAt", Instant.now().toString())
                    .put("proctorIds", new JsonArray(proctorIds))
                    .put("showScore", true);
            if (options.examMinutes != null) {
                body.put("durationMinutes", options.examMinutes);
            }
            sessionIds.add(phase("schedule session " + (r + 1), () -> admin.post("/api/sessions", body))
                    .getLong("id"));
        }

        List<Integer> seatsToFill = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            for (int s = 0; s < seats[r]; s++) {
                seatsToFill.add(r);
            }
        }
        AtomicLong added = new AtomicLong();
        AtomicLong nextPerson = new AtomicLong();
        List<Registered> candidates = timed(
                "add " + seatsToFill.size() + " candidates with photos",
                added,
                seatsToFill.size(),
                () -> Concurrently.each(context, seatsToFill, options.setupConcurrency, added, room -> {
                    CandidateFactory.Candidate person = people.candidate((int) nextPerson.getAndIncrement());
                    JsonObject body = new JsonObject()
                            .put("fullName", person.fullName())
                            .put("idNumber", person.idNumber())
                            .put("photo", CandidateFactory.photo(person.photoSeed(), 0));
                    if (!options.serverTickets) {
                        body.put(
                                "ticketNo",
                                "LT" + runId.toUpperCase(Locale.ROOT)
                                        + String.format(Locale.ROOT, "%05d", person.index() + 1));
                    }
                    long start = System.nanoTime();
                    return addCandidate(admin, sessionIds.get(room), body, 5).map(r -> {
                        latency.record("add-candidate", start);
                        return new Registered(room, r.getLong("sittingId"), r.getString("ticketNo"), person);
                    });
                }));

        // Opening check-in draws every seat and every paper of the room: the work the start no longer does.
        AtomicLong opened = new AtomicLong();
        timed("open check-in in " + rooms + " sessions (seats and papers drawn)", opened, rooms, () -> {
            Future<JsonObject> chain = Future.succeededFuture();
            for (int r = 0; r < rooms; r++) {
                long id = sessionIds.get(r);
                chain = chain.compose(x -> proctors.get(0)
                                .post("/api/sessions/" + id + "/state", new JsonObject().put("state", "CHECK_IN")))
                        .onSuccess(x -> opened.incrementAndGet());
            }
            return chain;
        });

        AtomicLong checkedIn = new AtomicLong();
        AtomicLong desk = new AtomicLong();
        timed(
                "check in " + candidates.size() + " candidates (ID number + face)",
                checkedIn,
                candidates.size(),
                () -> Concurrently.each(context, candidates, options.setupConcurrency, checkedIn, candidate -> {
                    StaffSession proctor = proctors.get((int) (desk.getAndIncrement() % proctors.size()));
                    long sessionId = sessionIds.get(candidate.sessionIndex());
                    long start = System.nanoTime();
                    return proctor.post(
                                    "/api/sessions/" + sessionId + "/checkin/identify",
                                    new JsonObject()
                                            .put("idNumber", candidate.person().idNumber()))
                            .compose(found -> {
                                if (found.getLong("sittingId") != candidate.sittingId()) {
                                    return Future.failedFuture(new IllegalStateException(
                                            "identify found sitting " + found.getLong("sittingId")
                                                    + " for candidate of sitting " + candidate.sittingId()));
                                }
                                return proctor.post(
                                        "/api/sittings/" + candidate.sittingId() + "/face",
                                        new JsonObject()
                                                .put(
                                                        "photo",
                                                        CandidateFactory.photo(
                                                                candidate
                                                                        .person()
                                                                        .photoSeed(),
                                                                4)));
                            })
                            .compose(face -> {
                                if (!face.getBoolean("checkedIn", false)) {
                                    return Future.failedFuture(
                                            new IllegalStateException("face check did not admit sitting "
                                                    + candidate.sittingId() + ": " + face.encode()));
                                }
                                latency.record("check-in", start);
                                SimulatedTerminal terminal = byTerminalId.get(face.getLong("terminalId"));
                                if (terminal == null) {
                                    return Future.failedFuture(new IllegalStateException(
                                            "sitting " + candidate.sittingId() + " was bound to terminal "
                                                    + face.getLong("terminalId") + ", which this run did not enrol"));
                                }
                                terminal.bind(candidate.sittingId(), candidate.ticketNo());
                                return Future.succeededFuture(terminal);
                            });
                }));

        AtomicLong confirmed = new AtomicLong();
        List<SimulatedTerminal> seated =
                terminals.stream().filter(SimulatedTerminal::bound).toList();
        timed(
                "confirm " + seated.size() + " admission tickets at the terminals",
                confirmed,
                seated.size(),
                () -> Concurrently.each(
                        context,
                        seated,
                        options.setupConcurrency,
                        confirmed,
                        t -> t.confirm().map(t)));

        List<Session> sessions = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            int room = r;
            sessions.add(new Session(
                    r,
                    roomIds[r],
                    sessionIds.get(r),
                    seated.stream().filter(t -> t.roomIndex == room).toList()));
        }
        return new Scenario(admin, proctors, sessions, seated);
    }

    /**
     * Adds one candidate. The ID numbers of a run are unique, so with server-drawn ticket numbers a
     * CANDIDATE_EXISTS can only be a ticket collision: counted, and tried again.
     */
    private Future<JsonObject> addCandidate(StaffSession admin, long sessionId, JsonObject body, int triesLeft) {
        return admin.post("/api/sessions/" + sessionId + "/candidates", body).recover(e -> {
            if (options.serverTickets
                    && triesLeft > 1
                    && e instanceof ApiFailure api
                    && "CANDIDATE_EXISTS".equals(api.code())) {
                latency.error("add-candidate", e);
                return addCandidate(admin, sessionId, body, triesLeft - 1);
            }
            return Future.failedFuture(e);
        });
    }

    private <T> T phase(String label, Supplier<Future<T>> work) {
        if (label != null) {
            progress.show(() -> label + " …");
        }
        return await(Contexts.on(context, work), label == null ? "setup" : label);
    }

    private <T> T timed(String label, AtomicLong done, long total, Supplier<Future<T>> work) {
        progress.phase(label, done::get, total);
        long start = System.nanoTime();
        T result = phase(null, work);
        progress.println(String.format(Locale.ROOT, "setup: %-58s %7.2f s", label, (System.nanoTime() - start) / 1e9));
        return result;
    }

    static <T> T await(Future<T> future, String what) {
        try {
            return future.await(30, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " timed out", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }
}
