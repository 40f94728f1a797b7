package org.examhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's own latency histograms, scraped from every node's {@code /metrics} when answering
 * starts, every second while it goes on, and when it has drained: the differences are what the
 * server measured over the same requests the simulator timed, so a slow simulator can neither hide
 * nor fake a result. Lives on one context.
 */
final class ServerLatency {

    /** Report name → the server's histogram family. The server has no heartbeat histogram today; it is read if it appears. */
    static final Map<String, String> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("autosave", "examhall_autosave_latency_seconds");
        FAMILIES.put("heartbeat", "examhall_heartbeat_latency_seconds");
    }

    /** One family over the answer phase, summed over the nodes; percentiles are bucket-interpolated. */
    record Summary(String family, long count, Double p50Ms, Double p99Ms) {}

    record Result(Map<String, Summary> operations, List<LatencyTimeline.Row> timeline, List<String> problems) {}

    private final Context context;
    private final WebClient client;
    private final List<URI> nodes;
    private final String token;
    private final RunClock clock;
    private final Map<URI, Map<String, Buckets>> last = new HashMap<>();
    private final Map<String, Buckets> total = new HashMap<>();
    // Scrapes are a second apart but not aligned to the run's seconds: two may land in one.
    private final TreeMap<Long, Map<String, Buckets>> perSecond = new TreeMap<>();
    private final Map<URI, Integer> failedScrapes = new LinkedHashMap<>();
    private final Map<URI, String> lastFailure = new HashMap<>();
    private int scrapeRounds;
    private long periodic = -1;
    // One scrape at a time: an older one answered last would look like a node restart.
    private Future<Void> scraping = Future.succeededFuture();

    ServerLatency(Vertx vertx, SimulatorOptions options, RunClock clock) {
        this.context = vertx.getOrCreateContext();
        this.nodes = List.copyOf(new LinkedHashSet<>(options.scrapedUrls()));
        this.client = WebClient.create(vertx);
        this.token = options.metricsToken;
        this.clock = clock;
    }

    /** The first scrape (awaited: it is the baseline), then one a second. */
    Future<Void> begin() {
        return on(() -> scrapeAll(false)
                .onComplete(x -> periodic = context.owner().setPeriodic(1000, id -> {
                    if (scraping.isComplete()) {
                        scrapeAll(true);
                    }
                })));
    }

    /** The last scrape and what the server measured since {@link #begin()}. */
    Future<Result> end() {
        return on(() -> {
            context.owner().cancelTimer(periodic);
            return scraping.transform(previous -> scrapeAll(true)).map(x -> {
                Map<String, Summary> out = new LinkedHashMap<>();
                List<String> problems = new ArrayList<>();
                failedScrapes.forEach((node, n) -> problems.add(node + "/metrics: " + n + " of " + scrapeRounds
                        + " scrapes failed (last: " + lastFailure.get(node) + ")"));
                FAMILIES.forEach((name, family) -> {
                    Buckets b = total.get(family);
                    if (b != null) {
                        out.put(name, new Summary(family, b.count(), b.quantileMs(0.5), b.quantileMs(0.99)));
                    } else if (!last.isEmpty()) {
                        problems.add("the server has no " + family + " histogram: no server-side " + name + " latency");
                    }
                });
                List<LatencyTimeline.Row> timeline = new ArrayList<>();
                perSecond.forEach((second, families) -> FAMILIES.forEach((name, family) -> {
                    Buckets b = families.get(family);
                    if (b != null && b.count() > 0) {
                        timeline.add(new LatencyTimeline.Row(
                                second, "server-" + name, b.count(), 0, b.quantileMs(0.5), b.quantileMs(0.99)));
                    }
                }));
                return new Result(out, timeline, List.copyOf(problems));
            });
        });
    }

    private Future<Void> scrapeAll(boolean record) {
        scraping = scrapeEach(record);
        return scraping;
    }

    private Future<Void> scrapeEach(boolean record) {
        scrapeRounds++;
        long at = System.nanoTime();
        List<Future<Map<String, Buckets>>> scrapes =
                nodes.stream().map(this::scrape).toList();
        return Future.join(scrapes).transform(x -> {
            Map<String, Buckets> second = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                Future<Map<String, Buckets>> scraped = scrapes.get(i);
                if (scraped.failed()) {
                    continue;
                }
                Map<String, Buckets> before = last.put(nodes.get(i), scraped.result());
                if (record && before != null) {
                    scraped.result()
                            .forEach((family, now) -> second.merge(
                                    family, now.since(before.getOrDefault(family, Buckets.EMPTY)), Buckets::plus));
                }
            }
            Map<String, Buckets> inSecond = perSecond.computeIfAbsent(clock.second(at), k -> new HashMap<>());
            second.forEach((family, b) -> {
                total.merge(family, b, Buckets::plus);
                inSecond.merge(family, b, Buckets::plus);
            });
            return Future.succeededFuture();
        });
    }

    private Future<Map<String, Buckets>> scrape(URI node) {
        var request = client.get(
                        node.getPort() > 0 ? node.getPort() : "https".equals(node.getScheme()) ? 443 : 80,
                        node.getHost(),
                        node.getRawPath() + "/metrics")
                .ssl("https".equals(node.getScheme()))
                .timeout(TimeUnit.SECONDS.toMillis(2));
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return request.send()
                .compose(response -> response.statusCode() == 200
                        ? Future.succeededFuture(Buckets.parse(response.bodyAsString()))
                        : Future.<Map<String, Buckets>>failedFuture("HTTP " + response.statusCode()
                                + (response.statusCode() == 403
                                        ? ", not an allowed address: pass --metrics-token"
                                        : "")))
                .onFailure(e -> {
                    failedScrapes.merge(node, 1, Integer::sum);
                    lastFailure.put(node, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                });
    }

    private <T> Future<T> on(Supplier<Future<T>> work) {
        return Contexts.on(context, work);
    }
}
