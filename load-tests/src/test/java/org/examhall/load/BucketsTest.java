package org.examhall.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketsTest {

    private static final String BEFORE = """
      # TYPE examhall_autosave_latency_seconds histogram
      examhall_autosave_latency_seconds_bucket{le="0.001"} 10
      examhall_autosave_latency_seconds_bucket{le="0.01"} 10
      examhall_autosave_latency_seconds_bucket{le="0.1"} 10
      examhall_autosave_latency_seconds_bucket{le="+Inf"} 10
      examhall_autosave_latency_seconds_count 10
      """;
    private static final String AFTER = """
      examhall_autosave_latency_seconds_bucket{le="0.001"} 10
      examhall_autosave_latency_seconds_bucket{le="0.01"} 110
      examhall_autosave_latency_seconds_bucket{le="0.1"} 210
      examhall_autosave_latency_seconds_bucket{le="+Inf"} 210
      vertx_http_server_requests_total{code="200"} 5
      """;

    @Test
    void theDifferenceOfTwoScrapesIsInterpolatedWithinItsBucket() {
        Buckets before = Buckets.parse(BEFORE).get("examhall_autosave_latency_seconds");
        Map<String, Buckets> after = Buckets.parse(AFTER);
        assertThat(after).containsOnlyKeys("examhall_autosave_latency_seconds");
        Buckets between = after.get("examhall_autosave_latency_seconds").since(before);

        assertThat(between.count()).isEqualTo(200);
        // Rank 100 of 200 is the last of the 100 in (1 ms, 10 ms]; rank 198 is 98 % into (10 ms, 100 ms].
        assertThat(between.quantileMs(0.5)).isCloseTo(10.0, within(1e-9));
        assertThat(between.quantileMs(0.99)).isCloseTo(10 + 90 * 0.98, within(1e-9));
    }

    @Test
    void aCounterThatWentDownMeansTheNodeRestartedAndTheLaterScrapeCountsWhole() {
        Buckets before = Buckets.parse(AFTER).get("examhall_autosave_latency_seconds");
        Buckets restarted = Buckets.parse(BEFORE).get("examhall_autosave_latency_seconds");
        assertThat(restarted.since(before).count()).isEqualTo(10);
        assertThat(Buckets.EMPTY.quantileMs(0.99)).isNull();
    }
}
