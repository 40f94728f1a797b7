package org.examhall.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.LiveSocket;
import org.examhall.server.testing.TestCluster;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Two exam-server nodes on loopback in one Hazelcast cluster against the same PostgreSQL: what a
 * province runs behind its load balancer. A staff session made on one node is honoured by the
 * other, and an event published on one reaches a WebSocket client of the other.
 */
class TwoNodeClusterTest {

    @AutoClose
    private static final TestCluster cluster = TestCluster.start(2);

    private static final TestServer nodeA = cluster.node(0);
    private static final TestServer nodeB = cluster.node(1);

    @Test
    void aSignInOnOneNodeIsValidOnTheOther() {
        String name = TestServer.uniqueName("admin");
        StaffProvisioning.Created admin = nodeA.createStaff(name, "cluster-pass-123", Role.BUREAU_ADMIN);
        ApiClient onA = nodeA.client().signedIn(name, "cluster-pass-123", admin.totpSecret());

        ApiClient onB = sameSessionOn(nodeB, onA);
        JsonObject me = onB.get("/api/auth/me").bodyAsJsonObject();
        assertThat(me.getString("username")).isEqualTo(name);
        assertThat(me.getString("role")).isEqualTo("BUREAU_ADMIN");
        // A state change on B with the session and CSRF token issued by A goes through and is audited once.
        assertThat(onB.post("/api/notices", new JsonObject().put("text", "B 节点收到 A 的会话"))
                        .statusCode())
                .isEqualTo(201);
        // Signing out on B ends the session on A too.
        assertThat(onB.post("/api/auth/logout", new JsonObject()).statusCode()).isEqualTo(204);
        assertThat(onA.get("/api/auth/me").statusCode()).isEqualTo(401);
    }

    @Test
    void anEventPublishedOnOneNodeReachesAWebSocketClientOfTheOther() throws Exception {
        String proctorName = TestServer.uniqueName("proctor");
        StaffProvisioning.Created proctor = nodeA.createStaff(proctorName, "cluster-pass-123", Role.PROCTOR);
        ApiClient proctorOnB = nodeB.client().signedIn(proctorName, "cluster-pass-123", proctor.totpSecret());

        try (LiveSocket received = LiveSocket.open(nodeB.port(), "/api/events", proctorOnB.sessionCookie())) {
            JsonObject ready = received.next(30);
            assertThat(ready).isNotNull();
            assertThat(ready.getString("type")).isEqualTo("ready");

            String adminName = TestServer.uniqueName("admin");
            StaffProvisioning.Created admin = nodeA.createStaff(adminName, "cluster-pass-123", Role.BUREAU_ADMIN);
            ApiClient adminOnA = nodeA.client().signedIn(adminName, "cluster-pass-123", admin.totpSecret());
            String text = "第 3 考场 10:00 开考，请监考员就位";
            assertThat(adminOnA.post("/api/notices", new JsonObject().put("text", text))
                            .statusCode())
                    .isEqualTo(201);

            JsonObject notice = received.next(10);
            assertThat(notice)
                    .as("notice published on node A reached the console on node B")
                    .isNotNull();
            assertThat(notice.getString("type")).isEqualTo("notice");
            assertThat(notice.getString("text")).isEqualTo(text);
            assertThat(notice.getString("from")).isEqualTo(adminName);
        }
    }

    @Test
    void eachNodeCountsBothMembersOnItsMetrics() {
        for (TestServer node : cluster.nodes()) {
            assertThat(node.client().get("/metrics").bodyAsString())
                    .as("what an operator's cluster alert reads")
                    .containsPattern("(?m)^examhall_cluster_members 2(\\.0)?$");
        }
    }

    @Test
    void anAnonymousWebSocketIsRefused() {
        assertThat(nodeB.client().get("/api/events").statusCode()).isEqualTo(401);
    }

    private static ApiClient sameSessionOn(TestServer node, ApiClient signedIn) {
        ApiClient other = node.client();
        other.adoptSession(signedIn);
        return other;
    }
}
