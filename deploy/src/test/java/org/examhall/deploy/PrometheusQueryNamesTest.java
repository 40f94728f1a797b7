package org.examhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tokenizer that finds which metrics a query reads, on the shapes of query the dashboard and rules use. */
class PrometheusQueryNamesTest {

    @Test
    void functionsGroupingLabelsRangesAndNumbersAreNotMetrics() {
        assertThat(PrometheusQueryNames.of(
                        "histogram_quantile(0.99, sum by (instance, le) (rate(examhall_autosave_latency_seconds_bucket"
                                + "{job=\"examhall-node\"}[5m]))) > 0.25"))
                .containsExactly("examhall_autosave_latency_seconds_bucket");
    }

    @Test
    void bothSidesOfABinaryOperatorAreRead() {
        assertThat(PrometheusQueryNames.of(
                        "examhall_gateway_camera_online == 0\n  and on (room) examhall_running_session_camera == 1"))
                .containsExactly("examhall_gateway_camera_online", "examhall_running_session_camera");
        assertThat(PrometheusQueryNames.of("min(examhall_cluster_members) < count(up{job=\"examhall-node\"})"))
                .containsExactly("examhall_cluster_members", "up");
        assertThat(PrometheusQueryNames.of("1 - examhall_disk_free_bytes / examhall_disk_total_bytes > 0.8"))
                .containsExactly("examhall_disk_free_bytes", "examhall_disk_total_bytes");
    }

    @Test
    void keywordsDurationsAndStringsAreSkipped() {
        assertThat(
                        PrometheusQueryNames.of(
                                "max(examhall_audit_pending offset 5m) unless label_replace(up, \"a\", \"b_c\", \"d\", \"1e3\")"))
                .containsExactly("examhall_audit_pending", "up");
    }
}
