package org.examhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Simulates exam-room terminals against a running exam server, over the same HTTP protocol as the
 * real terminal page: set-up through the API (site, rooms, enrolled terminals, sessions, candidates,
 * check-in with the face check), the start storm (every paper issued and fetched), the answer phase
 * (an autosave per change, heartbeats), the submit storm, then the no-lost-answer check. Prints a
 * live progress line and, at the end, latency percentiles (HdrHistogram) and throughput per
 * operation and the errors by code. See {@link SimulatorOptions#usage()}.
 */
public final class TerminalSimulator {

    private final SimulatorOptions options;
    private final PrintStream out;

    public TerminalSimulator(SimulatorOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (SimulatorOptions.UsageException | IllegalArgumentException e) {
            if (e.getMessage() != null) {
                System.err.println("terminal simulator: " + e.getMessage());
            }
            System.err.println(SimulatorOptions.usage());
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        int status;
        try {
            SimulationReport report = new TerminalSimulator(options, System.out).run();
            report.print(System.out);
            status = report.noLostAnswer() && report.startFailures().isEmpty() ? 0 : 1;
        } catch (RuntimeException e) {
            System.out.println();
            System.err.println("terminal simulator: the run failed: " + e.getMessage());
            e.printStackTrace(System.err);
            status = 3;
        }
        System.exit(status);
    }

    /** Blocking: runs the whole scenario and returns what it measured (printing progress as it goes). */
    public SimulationReport run() {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(options.eventLoops)
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        RunClock clock = RunClock.startingNow();
        LatencyTimeline timeline = new LatencyTimeline(clock);
        LatencyRecorder latency = new LatencyRecorder(timeline);
        RunCounters counters = new RunCounters();
        // Asked from this (non-Vert.x) thread, each call makes a context on the next event loop: one per loop.
        List<Context> loops = IntStream.range(0, options.eventLoops)
                .mapToObj(i -> vertx.getOrCreateContext())
                .toList();
        try (ProgressBar progress = new ProgressBar(out, options.progress);
                FaultMarks marks = new FaultMarks(options.marksFile, clock, options.terminals, counters, latency);
                SimulatorHealth health = new SimulatorHealth(loops)) {
            out.println("== examhall terminal simulator: " + options.describe());
            StaffEndpoints staff = new StaffEndpoints(options.urls.stream()
                    .map(url -> Http.client(vertx, url, options.setupConcurrency * 2 + 4))
                    .toList());
            TerminalClients terminalClients = new TerminalClients(vertx, options);
            ScenarioSetup setup = new ScenarioSetup(
                    vertx, options, staff, terminalClients, loops, marks, latency, counters, progress);
            Context staffContext = vertx.getOrCreateContext();
            long setupStart = System.nanoTime();
            ScenarioSetup.Scenario scenario = setup.run();
            progress.println(String.format(
                    Locale.ROOT,
                    "setup: run %s ready: %d terminals seated in %d session(s) %s in %.1f s",
                    setup.runId(),
                    scenario.terminals().size(),
                    scenario.sessions().size(),
                    scenario.sessions().stream().map(s -> "#" + s.sessionId()).toList(),
                    (System.nanoTime() - setupStart) / 1e9));

            // The start storm: every room starts at once; each terminal fetches its paper as its session runs.
            StaffSession proctor = scenario.proctors().get(0);
            AtomicLong papers = new AtomicLong();
            AtomicInteger paperFailures = new AtomicInteger();
            int total = scenario.terminals().size();
            progress.phase("start storm: papers delivered", papers::get, total);
            health.phase("start storm");
            long stormStart = System.nanoTime();
            List<String> startFailures = new CopyOnWriteArrayList<>();
            List<Future<Void>> fetches = new CopyOnWriteArrayList<>();
            int startLimit = options.startConcurrency == 0 ? scenario.sessions().size() : options.startConcurrency;
            Future<List<Long>> starts = Concurrently.each(
                    staffContext,
                    scenario.sessions(),
                    startLimit,
                    new AtomicLong(),
                    session -> proctor.post(
                                    "/api/sessions/" + session.sessionId() + "/state",
                                    new JsonObject().put("state", "RUNNING"))
                            .map(running -> {
                                long took = System.nanoTime() - stormStart;
                                latency.record("session-start", stormStart);
                                // The room's terminals fetch their papers as soon as it runs; the next room does not
                                // wait for them.
                                for (SimulatedTerminal t : session.terminals()) {
                                    fetches.add(t.fetchPaper()
                                            .onSuccess(x -> papers.incrementAndGet())
                                            .recover(e -> {
                                                paperFailures.incrementAndGet();
                                                latency.error("paper", e);
                                                return Future.succeededFuture();
                                            }));
                                }
                                return took;
                            })
                            .recover(failed -> {
                                // One room that cannot start must not hide how the others did: report it and go on.
                                latency.error("session-start", failed);
                                startFailures.add("session " + session.sessionId() + " ("
                                        + session.terminals().size() + " terminals): " + failed.getMessage());
                                return Future.succeededFuture(-1L);
                            }));
            List<Long> sessionStarts = ScenarioSetup.await(starts, "start storm");
            ScenarioSetup.await(Future.all(new ArrayList<>(fetches)), "start storm: paper delivery");
            long stormNanos = System.nanoTime() - stormStart;
            progress.println(String.format(
                    Locale.ROOT,
                    "start storm: %d papers delivered in %.2f s%s",
                    papers.get(),
                    stormNanos / 1e9,
                    paperFailures.get() == 0 ? "" : " (" + paperFailures.get() + " terminals never got theirs)"));
            startFailures.forEach(f -> progress.println("start storm: COULD NOT START " + f));

            // Answering, with the server's own histograms scraped from its start to its end.
            ServerLatency server = new ServerLatency(vertx, options, clock);
            ScenarioSetup.await(server.begin(), "first /metrics scrape");
            health.phase("answering");
            long answerStart = System.nanoTime();
            long answerEnd = answerStart + TimeUnit.SECONDS.toNanos(options.durationSeconds);
            long[] last = {answerStart, 0};
            progress.show(() -> {
                long now = System.nanoTime();
                long acked = counters.acked.sum();
                double rate = (acked - last[1]) * 1e9 / Math.max(1, now - last[0]);
                last[0] = now;
                last[1] = acked;
                return String.format(
                        Locale.ROOT,
                        "answering %s/%s %s acked %,d | %,.0f/s | in flight %d | retries %d | errors %d",
                        ProgressBar.clock(Math.min(now, answerEnd) - answerStart),
                        ProgressBar.clock(answerEnd - answerStart),
                        ProgressBar.bar(now - answerStart, answerEnd - answerStart),
                        acked,
                        rate,
                        counters.requestsInFlight.get(),
                        counters.retries.sum(),
                        latency.errorCount());
            });
            scenario.terminals().forEach(SimulatedTerminal::startAnswering);
            sleepUntil(answerEnd);
            long answerNanos = System.nanoTime() - answerStart;
            long drainStart = System.nanoTime();
            List<Future<Void>> drains =
                    scenario.terminals().stream().map(SimulatedTerminal::stop).toList();
            progress.show(() -> String.format(
                    Locale.ROOT,
                    "draining: acked %,d | in flight %d",
                    counters.acked.sum(),
                    counters.requestsInFlight.get()));
            ScenarioSetup.await(Future.all(drains), "draining the last autosaves");
            long drainNanos = System.nanoTime() - drainStart;
            FaultMarks.AnswerEnd answered =
                    new FaultMarks.AnswerEnd(System.nanoTime(), latency.errorCount(), counters.retries.sum());
            ServerLatency.Result serverSide = ScenarioSetup.await(server.end(), "last /metrics scrape");
            progress.println(String.format(
                    Locale.ROOT,
                    "answering: %,d autosaves acknowledged in %.1f s (+%.2f s to drain)",
                    counters.acked.sum(),
                    answerNanos / 1e9,
                    drainNanos / 1e9));

            // The submit storm.
            long submitNanos = 0;
            AtomicLong submitted = new AtomicLong();
            if (options.submit) {
                progress.phase("submit storm", submitted::get, papers.get());
                health.phase("submit storm");
                long submitStart = System.nanoTime();
                List<Future<Void>> submits = scenario.terminals().stream()
                        .filter(SimulatedTerminal::hasPaper)
                        .map(t -> t.submit()
                                .onSuccess(x -> submitted.incrementAndGet())
                                .recover(e -> Future.<Void>succeededFuture()))
                        .toList();
                ScenarioSetup.await(Future.all(submits), "submit storm");
                submitNanos = System.nanoTime() - submitStart;
                progress.println(String.format(
                        Locale.ROOT,
                        "submit storm: %d sittings handed in in %.2f s",
                        submitted.get(),
                        submitNanos / 1e9));
            }

            AtomicLong verified = new AtomicLong();
            progress.phase("checking answer sheets", verified::get, papers.get());
            health.phase("verification");
            long verifyStart = System.nanoTime();
            AnswerVerification.Result verification = ScenarioSetup.await(
                    Contexts.on(
                            staffContext,
                            () -> AnswerVerification.verify(
                                    staffContext,
                                    scenario.admin(),
                                    scenario.terminals(),
                                    options.setupConcurrency,
                                    verified)),
                    "no-lost-answer check");
            progress.println(String.format(
                    Locale.ROOT,
                    "verify: %d answer sheets read in %.1f s",
                    verification.sittings(),
                    (System.nanoTime() - verifyStart) / 1e9));

            int submittedCount = (int) scenario.terminals().stream()
                    .filter(SimulatedTerminal::submitted)
                    .count();
            timeline.finish();
            marks.close();
            BitSet answering = new BitSet();
            scenario.terminals().stream().filter(SimulatedTerminal::hasPaper).forEach(t -> answering.set(t.index));
            List<LatencyTimeline.Row> rows = new ArrayList<>(timeline.rows());
            rows.addAll(serverSide.timeline());
            Observations observations = new Observations(
                    clock,
                    terminalClients.perUrl(),
                    counters.overlapping.sum(),
                    serverSide,
                    marks.results(timeline, answering::get, answered),
                    rows,
                    health.result());
            SimulationReport report = new SimulationReport(
                    options,
                    total,
                    scenario.sessions().size(),
                    List.copyOf(startFailures),
                    stormNanos,
                    sessionStarts,
                    (int) papers.get(),
                    answerNanos,
                    drainNanos,
                    counters.acked.sum(),
                    counters.autosaveRequests.sum(),
                    counters.duplicates.sum(),
                    counters.retries.sum(),
                    counters.unresolvedSteps.sum(),
                    submitNanos,
                    submittedCount,
                    latency,
                    verification,
                    observations);
            if (options.reportDir != null) {
                ReportFiles.write(options.reportDir, report);
                progress.println("report: " + options.reportDir.resolve("report.html") + " and report.json");
            }
            return report;
        } finally {
            try {
                vertx.close().await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing is best effort
            }
        }
    }

    private static void sleepUntil(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
