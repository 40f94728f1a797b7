package org.examhall.load;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** What a run measured, and the final printout: per-operation latencies, throughput, errors, the check. */
public record SimulationReport(
        SimulatorOptions options,
        int terminals,
        int sessions,
        List<String> startFailures,
        long startStormNanos,
        List<Long> sessionStartNanos,
        int papersDelivered,
        long answerPhaseNanos,
        long drainNanos,
        long acked,
        long autosaveRequests,
        long duplicates,
        long retries,
        long unresolvedSteps,
        long submitStormNanos,
        int submitted,
        LatencyRecorder latency,
        AnswerVerification.Result verification,
        Observations observations) {

    private static final List<String> ORDER = List.of(
            "enrol",
            "add-candidate",
            "check-in",
            "confirm",
            "session-start",
            "paper",
            "autosave",
            "autosave-request",
            "heartbeat",
            "submit");

    /** Everything the check demands held: no lost answer, every handed-in sitting scored. */
    public boolean noLostAnswer() {
        return verification != null && verification.ok();
    }

    public long errorCount() {
        return latency.errorCount();
    }

    public double autosavesPerSecond() {
        return answerPhaseNanos <= 0 ? 0 : acked * 1e9 / (answerPhaseNanos + drainNanos);
    }

    public void print(PrintStream out) {
        out.println();
        out.println("== results: " + options.describe());
        out.printf(
                Locale.ROOT,
                "start storm:   %d papers delivered to %d terminals in %.2f s from the RUNNING requests (%s)%n",
                papersDelivered,
                terminals,
                startStormNanos / 1e9,
                sessionStarts());
        startFailures.forEach(f -> out.println("               COULD NOT START " + f));
        out.printf(
                Locale.ROOT,
                "answering:     %,d autosaves acknowledged in %.1f s (+%.1f s to drain) = %,.0f/s, in %,d requests"
                        + " (%.2f steps/request), %,d duplicates on resend, %,d retries, %,d unacknowledged%n",
                acked,
                answerPhaseNanos / 1e9,
                drainNanos / 1e9,
                autosavesPerSecond(),
                autosaveRequests,
                autosaveRequests == 0 ? 0 : (double) acked / autosaveRequests,
                duplicates,
                retries,
                unresolvedSteps);
        if (options.submit) {
            out.printf(
                    Locale.ROOT,
                    "submit storm:  %d of %d sittings handed in in %.2f s%n",
                    submitted,
                    papersDelivered,
                    submitStormNanos / 1e9);
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "%-17s %9s %9s %9s %9s %9s %9s %9s %9s%n",
                "operation",
                "count",
                "rate/s",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "p99.9 ms",
                "max ms",
                "mean ms");
        Map<String, LatencyRecorder.Operation> ops = latency.operations();
        for (String name : ORDER) {
            LatencyRecorder.Operation op = ops.get(name);
            if (op == null) {
                continue;
            }
            Histogram h = op.snapshot();
            out.printf(
                    Locale.ROOT,
                    "%-17s %9d %9.1f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n",
                    name,
                    h.getTotalCount(),
                    op.throughput(),
                    ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)),
                    ms(h.getMaxValue()),
                    h.getMean() / 1000.0);
        }
        out.println("  (autosave = from the answer change to its acknowledgement, queueing and retries included;"
                + " autosave-request = one HTTP request;");
        out.println(
                "   session-start = from the start of the storm to the room's RUNNING answer, rooms queue behind each other)");
        out.println();
        observations.print(out, latency);
        Map<String, Long> errors = latency.errors();
        if (errors.isEmpty()) {
            out.println("errors: none");
        } else {
            out.println("errors (each failed attempt; retried ones included):");
            errors.forEach((k, v) -> out.printf(Locale.ROOT, "  %-60s %8d%n", k, v));
        }
        out.println();
        if (verification == null) {
            out.println("no lost answer: NOT CHECKED");
            return;
        }
        if (verification.mismatches().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "no lost answer: %d/%d sittings match%s%n",
                    verification.matched() + verification.unconfirmed(),
                    verification.sittings(),
                    verification.unconfirmed() == 0
                            ? ""
                            : " (" + verification.unconfirmed()
                                    + " differ only by steps whose acknowledgement never arrived)");
        } else {
            out.printf(
                    Locale.ROOT,
                    "LOST ANSWERS: %d/%d sittings do not match what the terminals had acknowledged:%n",
                    verification.mismatches().size(),
                    verification.sittings());
            verification.mismatches().stream().limit(50).forEach(m -> out.println("  " + m));
        }
        if (options.submit) {
            if (verification.scoreProblems().isEmpty()) {
                out.printf(
                        Locale.ROOT,
                        "scores: %d/%d handed-in sittings have a score%n",
                        verification.scored(),
                        verification.submittedExpected());
            } else {
                out.printf(
                        Locale.ROOT,
                        "SCORES MISSING: %d/%d handed-in sittings:%n",
                        verification.scoreProblems().size(),
                        verification.submittedExpected());
                verification.scoreProblems().stream().limit(50).forEach(m -> out.println("  " + m));
            }
        }
    }

    /** When each session's RUNNING came back, from the moment all were sent (they queue behind each other). */
    private String sessionStarts() {
        List<Long> started =
                sessionStartNanos.stream().filter(n -> n >= 0).sorted().toList();
        if (started.isEmpty()) {
            return "no session started";
        }
        if (started.size() == 1) {
            return String.format(Locale.ROOT, "the session's RUNNING took %.2f s", started.get(0) / 1e9);
        }
        return String.format(
                Locale.ROOT,
                "%d sessions' RUNNING answered after %.2f s (first) … %.2f s (median) … %.2f s (last)",
                started.size(),
                started.get(0) / 1e9,
                started.get(started.size() / 2) / 1e9,
                started.get(started.size() - 1) / 1e9);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
