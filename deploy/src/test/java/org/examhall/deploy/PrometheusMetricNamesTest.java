package org.examhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the dashboard and the alert rules read is on the /metrics of a real exam-server node or of a real
 * proctor gateway registered on it, with a session running in the room the gateway's camera films (the camera
 * delivers nothing, so it is offline). A renamed or dropped metric fails here, not on an exam day.
 */
class PrometheusMetricNamesTest {

    /** Prometheus' own series about its scrapes, on no target's /metrics. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private static final TestServer server = TestServer.shared();

    @TempDir
    static Path gatewayData;

    private static MonitoredSite site;
    private static MetricsText node;
    private static MetricsText gatewayMetrics;

    @BeforeAll
    static void aSessionRunsInARoomWhoseGatewayCameraDeliversNothing() throws Exception {
        site = MonitoredSite.start(server, gatewayData);
        node = site.nodeMetrics(m -> m.has("examhall_running_session_camera", "room", site.cameraKey()));
        gatewayMetrics = site.gatewayMetrics(m -> m.has("examhall_gateway_camera_online", "room", site.cameraKey()));
    }

    @AfterAll
    static void stopGateway() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void everyMetricTheRulesReadIsExported() throws Exception {
        for (PrometheusRules.Alert alert : PrometheusRules.alerts()) {
            assertExported(alert.name(), PrometheusQueryNames.of(alert.expr()));
        }
    }

    @Test
    void everyMetricTheDashboardReadsIsExported() throws Exception {
        for (GrafanaDashboard.Query query : GrafanaDashboard.queries()) {
            assertExported(query.panel(), PrometheusQueryNames.of(query.expr()));
        }
    }

    @Test
    void theCameraOfflineAlertJoinsTheGatewaysRoomToTheNodesRunningSession() {
        assertThat(gatewayMetrics.value("examhall_gateway_camera_online", "room", site.cameraKey()))
                .as("the camera delivers nothing")
                .isZero();
        assertThat(node.value("examhall_running_session_camera", "room", site.cameraKey()))
                .as("its room runs a session, under the same room label")
                .isEqualTo(1);
    }

    @Test
    void theDiskAlertSeesTheGatewaysArchiveAndTheNodesDataDirectory() {
        assertThat(gatewayMetrics.has(
                        "examhall_disk_free_bytes", "path", site.archive().toString()))
                .as("the gateway's archive")
                .isTrue();
        assertThat(node.has(
                        "examhall_disk_total_bytes",
                        "path",
                        server.server().config().dataPath().toString()))
                .as("the node's data directory")
                .isTrue();
    }

    private static void assertExported(String where, Set<String> names) {
        assertThat(names).as(where + " reads no metric").isNotEmpty();
        Set<String> read = new TreeSet<>(names);
        read.removeAll(PROMETHEUS_OWN);
        assertThat(read).allSatisfy(name -> {
            assertThat(node.has(name) || gatewayMetrics.has(name))
                    .as(where + " reads " + name + ", on neither the node's nor the gateway's /metrics")
                    .isTrue();
            if (name.endsWith("_bucket")) {
                String family = name.substring(0, name.length() - "_bucket".length());
                assertThat(node.type(family) == null ? gatewayMetrics.type(family) : node.type(family))
                        .as(where + ": histogram_quantile needs " + family + " to be a histogram")
                        .isEqualTo("histogram");
            }
        });
    }
}
