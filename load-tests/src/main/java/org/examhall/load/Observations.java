package org.examhall.load;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a run saw beside the per-operation totals: how its terminals were spread over the URLs, the
 * server's own latency next to the simulator's, the fault marks, the per-second timeline, and
 * whether the simulator itself kept up.
 */
record Observations(
        RunClock clock,
        Map<URI, Integer> terminalsPerUrl,
        long overlapping,
        ServerLatency.Result server,
        List<FaultMarks.Result> marks,
        List<LatencyTimeline.Row> timeline,
        SimulatorHealth.Result health) {

    /** Server operation → the simulator's closest measurement: one HTTP request, issued to answered. */
    static final Map<String, String> SIMULATOR_SIDE = Map.of("autosave", "autosave-request", "heartbeat", "heartbeat");

    void print(PrintStream out, LatencyRecorder latency) {
        if (terminalsPerUrl.size() > 1) {
            out.println("terminals per URL: "
                    + String.join(
                            ", ",
                            terminalsPerUrl.entrySet().stream()
                                    .map(e -> e.getKey() + " " + e.getValue())
                                    .toList()));
        }
        out.printf(
                Locale.ROOT,
                "%,d autosaves and heartbeats were issued while the same terminal's other request was in flight"
                        + " (with one connection per terminal they waited for it; their latency includes the wait)%n",
                overlapping);
        out.println();
        printServerSide(out, latency);
        printMarks(out);
        out.println("simulator: event-loop timer lag p50 / p99 / max ms (" + SimulatorHealth.PROBE_MS
                + " ms timers on each loop): "
                + String.join(
                        ", ",
                        health.lag().entrySet().stream()
                                .map(e -> String.format(
                                        Locale.ROOT,
                                        "%s %.1f / %.1f / %.1f",
                                        e.getKey(),
                                        e.getValue().p50Ms(),
                                        e.getValue().p99Ms(),
                                        e.getValue().maxMs()))
                                .toList()));
        out.printf(
                Locale.ROOT,
                "           open files at peak %s of %s; %.1f s CPU%n",
                count(health.peakOpenFiles()),
                count(health.openFilesLimit()),
                health.cpuSeconds());
        out.println(
                "  (a lag p99 of more than a few ms in a phase means the simulator's own loops were busy then and its"
                        + " latencies overstate the server's)");
        out.println();
    }

    private void printServerSide(PrintStream out, LatencyRecorder latency) {
        out.println(
                "server's own latency over the answer phase (its /metrics histograms, summed over the nodes; percentiles"
                        + " interpolated within each bucket, so exact only to the bucket's width) beside the simulator's:");
        out.printf(
                Locale.ROOT,
                "%-10s %12s %10s %10s   %-17s %12s %10s %10s%n",
                "server",
                "count",
                "p50 ms",
                "p99 ms",
                "simulator",
                "count",
                "p50 ms",
                "p99 ms");
        for (String name : ServerLatency.FAMILIES.keySet()) {
            ServerLatency.Summary s = server.operations().get(name);
            String own = SIMULATOR_SIDE.get(name);
            LatencyRecorder.Operation op = latency.operation(own);
            Histogram h = op == null ? new Histogram(1) : op.snapshot();
            out.printf(
                    Locale.ROOT,
                    "%-10s %12s %10s %10s   %-17s %,12d %10.2f %10.2f%n",
                    name,
                    s == null ? "-" : String.format(Locale.ROOT, "%,d", s.count()),
                    s == null ? "-" : ms(s.p50Ms()),
                    s == null ? "-" : ms(s.p99Ms()),
                    own,
                    h.getTotalCount(),
                    h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0);
        }
        out.println(
                "  (server autosave = arrival of each step to its durable acknowledgement; simulator autosave-request ="
                        + " one HTTP request, issued to answered)");
        server.problems().forEach(p -> out.println("  " + p));
        out.println();
    }

    private void printMarks(PrintStream out) {
        if (marks.isEmpty()) {
            return;
        }
        out.printf(
                Locale.ROOT,
                "fault marks (autosave p99 = answer change to acknowledgement; during = %d s after the mark,"
                        + " after = the %d s after that, cut at the next mark; errors and retries from the mark to the end of answering):%n",
                FaultMarks.WINDOW_SECONDS,
                FaultMarks.WINDOW_SECONDS);
        out.printf(
                Locale.ROOT,
                "%-16s %8s %12s %14s %14s %16s %16s %8s %8s%n",
                "mark",
                "at s",
                "recovery ms",
                "autosave p99",
                "autosave p99",
                "heartbeat p99",
                "heartbeat p99",
                "errors",
                "retries");
        out.printf(
                Locale.ROOT,
                "%-16s %8s %12s %14s %14s %16s %16s %8s %8s%n",
                "",
                "",
                "",
                "during",
                "after",
                "during",
                "after",
                "after",
                "after");
        for (FaultMarks.Result m : marks) {
            out.printf(
                    Locale.ROOT,
                    "%-16s %8d %12s %14s %14s %16s %16s %8d %8d%n",
                    m.label(),
                    m.atSecond(),
                    m.recoveryMs() != null
                            ? String.format(Locale.ROOT, "%,d", m.recoveryMs())
                            : "NOT (" + m.unrecovered() + ")",
                    ms(m.p99DuringMs()),
                    ms(m.p99AfterMs()),
                    ms(m.heartbeatP99DuringMs()),
                    ms(m.heartbeatP99AfterMs()),
                    m.errorsAfter(),
                    m.retriesAfter());
        }
        out.println(
                "  (recovery = from the mark until every answering terminal had an autosave or heartbeat succeed that it"
                        + " sent after the mark; NOT (n): n terminals were not served again before answering ended)");
        out.println();
    }

    private static String ms(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String count(long n) {
        return n < 0 ? "?" : n == Long.MAX_VALUE ? "unlimited" : String.format(Locale.ROOT, "%,d", n);
    }
}
