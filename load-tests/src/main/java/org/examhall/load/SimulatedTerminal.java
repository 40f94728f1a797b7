package org.examhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One exam-room terminal, speaking the terminal protocol the real page speaks: its device credential
 * on every request, the candidate token once the candidate has confirmed, the paper, an autosave for
 * every answer change with a per-candidate sequence number, heartbeats, and the hand-in.
 *
 * <p>Like the page, it keeps one autosave request in flight: changes made meanwhile queue up and go
 * together in the next request. A request that fails on the network or with a 5xx is sent again with
 * the same steps (same sequence numbers), which the server treats as idempotent. All of a terminal's
 * state lives on its own Vert.x context, so it needs no locks.
 *
 * <p>A heartbeat falls due while an autosave is in flight now and then (and the other way round). On
 * the terminal's one keep-alive connection it waits for the other to finish, as it does in a browser
 * held to one connection; its latency counts from when it was issued, the wait included.
 */
final class SimulatedTerminal {

    static final String CREDENTIAL_HEADER = "X-Terminal-Credential";
    static final String TOKEN_HEADER = "X-Candidate-Token";

    /** One item of the paper as the terminal sees it. */
    record Item(int number, String type, List<String> labels) {}

    final int index;
    final long terminalId;
    final int roomIndex;
    final int seatNo;
    private final String credential;
    private final WebClient http;
    private final Context context;
    private final LatencyRecorder latency;
    private final RunCounters counters;
    private final FaultMarks marks;
    private final SimulatorOptions options;
    private final SplittableRandom random;

    // The candidate bound at check-in.
    private long sittingId;
    private String ticketNo;
    private String token;
    private List<Item> items = List.of();
    private int nextSeq = 1;
    private boolean hasPaper;

    private final ArrayDeque<AnswerStep> pending = new ArrayDeque<>();
    private List<AnswerStep> inFlight;
    private final AcknowledgedAnswers acknowledged = new AcknowledgedAnswers();
    private boolean stopping;
    private long changeTimer = -1;
    private long heartbeatTimer = -1;
    private boolean heartbeatInFlight;
    private int requestsOpen;
    private final Promise<Void> drained = Promise.promise();
    private volatile boolean submitted;
    private volatile Double score;

    SimulatedTerminal(
            int index,
            long terminalId,
            int roomIndex,
            int seatNo,
            String credential,
            WebClient http,
            Context context,
            LatencyRecorder latency,
            RunCounters counters,
            FaultMarks marks,
            SimulatorOptions options,
            long seed) {
        this.index = index;
        this.terminalId = terminalId;
        this.roomIndex = roomIndex;
        this.seatNo = seatNo;
        this.credential = credential;
        this.http = http;
        this.context = context;
        this.latency = latency;
        this.counters = counters;
        this.marks = marks;
        this.options = options;
        this.random = new SplittableRandom(seed);
    }

    /** Runs on this terminal's context and hands back what it produced. */
    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        return Contexts.on(context, action);
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path) {
        HttpRequest<Buffer> request = http.request(method, path)
                .timeout(TimeUnit.SECONDS.toMillis(options.requestTimeoutSeconds))
                .putHeader(CREDENTIAL_HEADER, credential);
        if (token != null) {
            request.putHeader(TOKEN_HEADER, token);
        }
        return request;
    }

    // ---- check-in ------------------------------------------------------------------------------

    /** The proctor bound this candidate to the terminal's seat. */
    void bind(long sittingId, String ticketNo) {
        this.sittingId = sittingId;
        this.ticketNo = ticketNo;
    }

    long sittingId() {
        return sittingId;
    }

    boolean bound() {
        return ticketNo != null;
    }

    /** The candidate types the admission ticket number; the terminal receives the candidate token. */
    Future<Void> confirm() {
        return onContext(() -> {
            long start = System.nanoTime();
            return request(HttpMethod.POST, "/api/terminal/confirm")
                    .sendJsonObject(new JsonObject().put("ticketNo", ticketNo))
                    .compose(response -> Http.json("confirm", response))
                    .map(body -> {
                        latency.record("confirm", start);
                        token = body.getString("candidateToken");
                        if (body.getLong("sittingId") != sittingId) {
                            throw new IllegalStateException("terminal " + terminalId + " shows sitting "
                                    + body.getLong("sittingId") + " but the proctor bound sitting " + sittingId);
                        }
                        return (Void) null;
                    })
                    .onFailure(e -> latency.error("confirm", e));
        });
    }

    // ---- paper ---------------------------------------------------------------------------------

    /** Fetches the paper (retrying network errors and 5xx); resumes the sequence after the server's last. */
    Future<Void> fetchPaper() {
        return onContext(() -> {
            long start = System.nanoTime();
            return retrying(
                            "paper",
                            start,
                            () -> request(HttpMethod.GET, "/api/exam/paper")
                                    .send()
                                    .compose(response -> response.statusCode() / 100 == 2
                                            ? Future.succeededFuture(response.body())
                                            : Future.failedFuture(ApiFailure.of("paper", response))))
                    .map(bytes -> {
                        latency.record("paper", start);
                        DeliveredPaper body;
                        try {
                            body = DeliveredPaper.read(bytes.getBytes());
                        } catch (IOException e) {
                            throw new IllegalStateException("paper: unreadable response", e);
                        }
                        if (body.candidateToken() != null) {
                            token = body.candidateToken();
                        }
                        nextSeq = body.lastSeq() + 1;
                        items = body.items();
                        hasPaper = !items.isEmpty();
                        return (Void) null;
                    });
        });
    }

    boolean hasPaper() {
        return hasPaper;
    }

    // ---- answering -----------------------------------------------------------------------------

    /** Starts answer changes and heartbeats, spread over the first interval so terminals do not beat in step. */
    void startAnswering() {
        context.runOnContext(v -> {
            if (!hasPaper) {
                drained.tryComplete();
                return;
            }
            changeTimer = context.owner().setTimer(1 + random.nextLong(options.answerIntervalMs), id -> change());
            long beat = TimeUnit.SECONDS.toMillis(options.heartbeatSeconds);
            heartbeatTimer = context.owner().setTimer(1 + random.nextLong(beat), id -> heartbeat());
        });
    }

    private long nextPause() {
        double factor = 1 + (random.nextDouble() * 2 - 1) * options.jitter;
        return Math.max(1, Math.round(options.answerIntervalMs * factor));
    }

    private void change() {
        if (stopping) {
            return;
        }
        Item item = items.get(random.nextInt(items.size()));
        pending.add(new AnswerStep(nextSeq++, item.number(), labelsFor(item), System.nanoTime()));
        counters.changes.increment();
        send();
        changeTimer = context.owner().setTimer(nextPause(), id -> change());
    }

    /** A valid answer for the item's type, now and then a clearing (""). */
    private String labelsFor(Item item) {
        if (random.nextInt(50) == 0) {
            return "";
        }
        List<String> labels = item.labels();
        if (!"MULTIPLE_CHOICE".equals(item.type())) {
            return labels.get(random.nextInt(labels.size()));
        }
        StringBuilder chosen = new StringBuilder();
        while (chosen.length() == 0) {
            for (String label : labels) {
                if (random.nextBoolean()) {
                    chosen.append(label);
                }
            }
        }
        char[] sorted = chosen.toString().toCharArray();
        Arrays.sort(sorted);
        return new String(sorted);
    }

    /** Sends the queued changes unless an autosave is already in flight. */
    private void send() {
        if (inFlight != null || pending.isEmpty()) {
            checkDrained();
            return;
        }
        List<AnswerStep> batch = new ArrayList<>(Math.min(pending.size(), options.maxStepsPerRequest));
        while (batch.size() < options.maxStepsPerRequest && !pending.isEmpty()) {
            batch.add(pending.poll());
        }
        inFlight = batch;
        attempt(batch, System.nanoTime());
    }

    private void attempt(List<AnswerStep> batch, long firstAttempt) {
        JsonArray steps = new JsonArray();
        for (AnswerStep step : batch) {
            steps.add(new JsonObject()
                    .put("seq", step.seq())
                    .put("item", step.item())
                    .put("labels", step.labels()));
        }
        long start = opening();
        counters.requestsInFlight.incrementAndGet();
        request(HttpMethod.POST, "/api/exam/answers")
                .sendJsonObject(new JsonObject().put("steps", steps))
                .compose(response -> Http.json("autosave", response))
                .onComplete(ar -> {
                    closed(start, ar.succeeded());
                    counters.requestsInFlight.decrementAndGet();
                    if (ar.succeeded()) {
                        latency.record("autosave-request", start);
                        counters.autosaveRequests.increment();
                        acknowledge(batch, ar.result());
                        inFlight = null;
                        send();
                        return;
                    }
                    Throwable failure = ar.cause();
                    latency.error("autosave", failure);
                    if (retryable(failure)
                            && System.nanoTime() - firstAttempt < TimeUnit.SECONDS.toNanos(options.retryForSeconds)) {
                        counters.retries.increment();
                        context.owner().setTimer(backoff(firstAttempt), id -> attempt(batch, firstAttempt));
                        return;
                    }
                    // Refused (4xx) or given up: not acknowledged; the verification knows these may or may not be
                    // stored.
                    batch.forEach(acknowledged::unresolved);
                    counters.unresolvedSteps.add(batch.size());
                    inFlight = null;
                    send();
                });
    }

    private void acknowledge(List<AnswerStep> batch, JsonObject body) {
        Map<Integer, String> outcomes = new HashMap<>();
        for (Object r : body.getJsonArray("results", new JsonArray())) {
            JsonObject result = (JsonObject) r;
            outcomes.put(result.getInteger("seq"), result.getString("outcome"));
        }
        for (AnswerStep step : batch) {
            String outcome = outcomes.get(step.seq());
            if ("STORED".equals(outcome) || "DUPLICATE".equals(outcome)) {
                acknowledged.acknowledged(step);
                latency.record("autosave", step.createdNanos());
                counters.acked.increment();
                if ("DUPLICATE".equals(outcome)) {
                    counters.duplicates.increment();
                }
            } else {
                latency.error("autosave", "OUTCOME " + outcome);
                acknowledged.unresolved(step);
                counters.unresolvedSteps.increment();
            }
        }
    }

    private void heartbeat() {
        if (stopping) {
            return;
        }
        heartbeatTimer =
                context.owner().setTimer(TimeUnit.SECONDS.toMillis(options.heartbeatSeconds), id -> heartbeat());
        if (heartbeatInFlight) {
            return;
        }
        heartbeatInFlight = true;
        long start = opening();
        request(HttpMethod.POST, "/api/exam/heartbeat")
                .sendJsonObject(new JsonObject())
                .compose(response -> Http.json("heartbeat", response))
                .onComplete(ar -> {
                    closed(start, ar.succeeded());
                    heartbeatInFlight = false;
                    if (ar.succeeded()) {
                        latency.record("heartbeat", start);
                    } else {
                        latency.error("heartbeat", ar.cause());
                    }
                });
    }

    /** An autosave or heartbeat is issued now; counted when the other one is still in flight. */
    private long opening() {
        if (requestsOpen++ > 0) {
            counters.overlapping.increment();
        }
        return System.nanoTime();
    }

    /** The terminal was served again, for the fault marks, when the request sent at {@code start} succeeded. */
    private void closed(long start, boolean succeeded) {
        requestsOpen--;
        if (succeeded) {
            marks.served(index, start, System.nanoTime());
        }
    }

    /** Stops making changes; completes once every queued change has been acknowledged or given up. */
    Future<Void> stop() {
        context.runOnContext(v -> {
            stopping = true;
            if (changeTimer >= 0) {
                context.owner().cancelTimer(changeTimer);
            }
            if (heartbeatTimer >= 0) {
                context.owner().cancelTimer(heartbeatTimer);
            }
            checkDrained();
        });
        return drained.future();
    }

    private void checkDrained() {
        if (stopping && inFlight == null && pending.isEmpty()) {
            drained.tryComplete();
        }
    }

    // ---- hand-in -------------------------------------------------------------------------------

    /** Hands in; a retry that finds the sitting already handed in counts as done. */
    Future<Void> submit() {
        return onContext(() -> {
            if (!hasPaper) {
                return Future.succeededFuture();
            }
            long start = System.nanoTime();
            boolean[] retried = new boolean[1];
            return retrying("submit", start, () -> {
                        Future<JsonObject> sent = request(HttpMethod.POST, "/api/exam/submit")
                                .sendJsonObject(new JsonObject())
                                .compose(response -> Http.json("submit", response));
                        boolean isRetry = retried[0];
                        retried[0] = true;
                        return sent.recover(e ->
                                isRetry && e instanceof ApiFailure api && "SITTING_NOT_ANSWERING".equals(api.code())
                                        ? Future.succeededFuture(new JsonObject()
                                                .put("submitted", true)
                                                .put("byEarlierAttempt", true))
                                        : Future.failedFuture(e));
                    })
                    .map(body -> {
                        latency.record("submit", start);
                        submitted = body.getBoolean("submitted", false);
                        Object s = body.getValue("score");
                        score = s instanceof Number n ? n.doubleValue() : null;
                        return (Void) null;
                    });
        });
    }

    boolean submitted() {
        return submitted;
    }

    // ---- what the verification needs ------------------------------------------------------------

    /** Read after the terminal has drained (the drain's completion orders the reads after the writes). */
    AcknowledgedAnswers acknowledged() {
        return acknowledged;
    }

    // ---- retries -------------------------------------------------------------------------------

    private <T> Future<T> retrying(String operation, long firstAttempt, Supplier<Future<T>> attempt) {
        Promise<T> promise = Promise.promise();
        retryLoop(operation, firstAttempt, attempt, promise);
        return promise.future();
    }

    private <T> void retryLoop(String operation, long firstAttempt, Supplier<Future<T>> attempt, Promise<T> promise) {
        attempt.get().onComplete(ar -> {
            if (ar.succeeded()) {
                promise.complete(ar.result());
                return;
            }
            latency.error(operation, ar.cause());
            if (retryable(ar.cause())
                    && System.nanoTime() - firstAttempt < TimeUnit.SECONDS.toNanos(options.retryForSeconds)) {
                counters.retries.increment();
                context.owner()
                        .setTimer(backoff(firstAttempt), id -> retryLoop(operation, firstAttempt, attempt, promise));
            } else {
                promise.fail(ar.cause());
            }
        });
    }

    private static boolean retryable(Throwable failure) {
        return !(failure instanceof ApiFailure api) || api.serverError();
    }

    /** 100 ms, growing with the time already spent, at most 2 s, with jitter. */
    private long backoff(long firstAttempt) {
        long spent = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstAttempt);
        long base = Math.min(2000, 100 + spent / 2);
        return base / 2 + random.nextLong(base / 2 + 1);
    }
}
