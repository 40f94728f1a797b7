package org.examhall.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The run as JSON, for scripts and tests: the top-level names are a contract (the cluster script and
 * its JUnit test read them), documented in load-tests/README.md. Latencies in milliseconds.
 */
final class ReportJson {

    private ReportJson() {}

    static JsonObject of(SimulationReport report) {
        Observations seen = report.observations();
        AnswerVerification.Result verification = report.verification();
        JsonObject json = new JsonObject()
                .put("startedAtMs", seen.clock().startEpochMs())
                .put("options", report.options().describe())
                .put(
                        "urls",
                        new JsonArray(report.options().urls.stream()
                                .map(Object::toString)
                                .toList()))
                .put("terminals", report.terminals())
                .put("sessions", report.sessions())
                .put("startFailures", new JsonArray(report.startFailures()))
                .put("startStormMs", report.startStormNanos() / 1e6)
                .put("papersDelivered", report.papersDelivered())
                .put("answerPhaseMs", report.answerPhaseNanos() / 1e6)
                .put("acknowledged", report.acked())
                .put("autosaveRequests", report.autosaveRequests())
                .put("duplicates", report.duplicates())
                .put("retries", report.retries())
                .put("unacknowledgedSteps", report.unresolvedSteps())
                .put("overlappingRequests", seen.overlapping())
                .put("submitStormMs", report.submitStormNanos() / 1e6)
                .put("submitted", report.submitted())
                .put("sittings", verification.sittings())
                .put("matchedSittings", verification.matched() + verification.unconfirmed())
                .put("unconfirmedSittings", verification.unconfirmed())
                .put("lostAnswers", verification.lostAnswers())
                .put(
                        "mismatches",
                        new JsonArray(
                                verification.mismatches().stream().limit(50).toList()))
                .put("scored", verification.scored())
                .put(
                        "scoreProblems",
                        new JsonArray(
                                verification.scoreProblems().stream().limit(50).toList()))
                .put("noLostAnswer", report.noLostAnswer());
        JsonObject perUrl = new JsonObject();
        seen.terminalsPerUrl().forEach((url, n) -> perUrl.put(url.toString(), n));
        json.put("terminalsPerUrl", perUrl);
        JsonObject errors = new JsonObject();
        report.latency().errors().forEach(errors::put);
        json.put("errors", errors);
        JsonObject operations = new JsonObject();
        report.latency().operations().forEach((name, op) -> {
            Histogram h = op.snapshot();
            operations.put(
                    name,
                    new JsonObject()
                            .put("count", h.getTotalCount())
                            .put("errors", errorsOf(report, name))
                            .put("ratePerS", op.throughput())
                            .put("p50Ms", ms(h.getValueAtPercentile(50)))
                            .put("p90Ms", ms(h.getValueAtPercentile(90)))
                            .put("p99Ms", ms(h.getValueAtPercentile(99)))
                            .put("p999Ms", ms(h.getValueAtPercentile(99.9)))
                            .put("maxMs", ms(h.getMaxValue())));
        });
        json.put("operations", operations);
        JsonObject server = new JsonObject();
        seen.server()
                .operations()
                .forEach((name, s) -> server.put(
                        name,
                        new JsonObject()
                                .put("family", s.family())
                                .put("count", s.count())
                                .put("p50Ms", s.p50Ms())
                                .put("p99Ms", s.p99Ms())
                                .put("simulatorOperation", Observations.SIMULATOR_SIDE.get(name))));
        server.put("problems", new JsonArray(seen.server().problems()));
        json.put("server", server);
        JsonArray marks = new JsonArray();
        seen.marks()
                .forEach(m -> marks.add(new JsonObject()
                        .put("label", m.label())
                        .put("atMs", m.atMs())
                        .put("atSecond", m.atSecond())
                        .put("recoveryMs", m.recoveryMs())
                        .put("unrecoveredTerminals", m.unrecovered())
                        .put("p99DuringMs", m.p99DuringMs())
                        .put("p99AfterMs", m.p99AfterMs())
                        .put("heartbeatP99DuringMs", m.heartbeatP99DuringMs())
                        .put("heartbeatP99AfterMs", m.heartbeatP99AfterMs())
                        .put("errorsAfter", m.errorsAfter())
                        .put("retriesAfter", m.retriesAfter())));
        json.put("marks", marks);
        JsonArray timeline = new JsonArray();
        seen.timeline()
                .forEach(r -> timeline.add(new JsonObject()
                        .put("second", r.second())
                        .put("op", r.op())
                        .put("count", r.count())
                        .put("errors", r.errors())
                        .put("p50Ms", r.p50Ms())
                        .put("p99Ms", r.p99Ms())));
        json.put("timeline", timeline);
        SimulatorHealth.Result health = seen.health();
        JsonObject lag = new JsonObject();
        health.lag()
                .forEach((phase, l) -> lag.put(
                        phase,
                        new JsonObject()
                                .put("probes", l.probes())
                                .put("p50Ms", l.p50Ms())
                                .put("p99Ms", l.p99Ms())
                                .put("maxMs", l.maxMs())));
        json.put(
                "simulator",
                new JsonObject()
                        .put("eventLoops", report.options().eventLoops)
                        .put("timerLag", lag)
                        .put("peakOpenFiles", health.peakOpenFiles())
                        .put("openFilesLimit", health.openFilesLimit())
                        .put("cpuSeconds", health.cpuSeconds()));
        return json;
    }

    private static long errorsOf(SimulationReport report, String operation) {
        return report.latency().errors().entrySet().stream()
                .filter(e -> e.getKey().startsWith(operation + " "))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
