package org.examhall.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Calls every declared route as every role and anonymously. The expected matrix is written out
 * here, so widening a route's access is a visible change to this test, not a silent one.
 */
class RoleMatrixTest {

    private static final Access PUBLIC = Access.PUBLIC;
    private static final Access TERMINAL = Access.TERMINAL;
    private static final Access ANY_STAFF = Access.anyStaff();
    private static final Access BUREAU = Access.roles(Role.BUREAU_ADMIN);
    private static final Access PROCTOR = Access.roles(Role.PROCTOR);
    private static final Access WATCHERS = Access.roles(Role.BUREAU_ADMIN, Role.PROCTOR);

    private static final Map<String, Access> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("GET /health", PUBLIC);
        EXPECTED.put("GET /metrics", PUBLIC);
        EXPECTED.put("POST /drain", PUBLIC);
        EXPECTED.put("GET /openapi.yaml", PUBLIC);
        EXPECTED.put("GET /api/site", PUBLIC);
        EXPECTED.put("GET /api/operation-items", ANY_STAFF);
        EXPECTED.put("POST /api/auth/login", PUBLIC);
        EXPECTED.put("POST /api/auth/logout", ANY_STAFF);
        EXPECTED.put("GET /api/auth/me", ANY_STAFF);
        EXPECTED.put("GET /api/staff", Access.roles(Role.BUREAU_ADMIN, Role.AUDITOR));
        EXPECTED.put("POST /api/staff", BUREAU);
        EXPECTED.put("POST /api/staff/:id/unlock", BUREAU);
        EXPECTED.put("GET /api/audit/verify", Access.roles(Role.AUDITOR));
        EXPECTED.put("GET /api/audit/entries", Access.roles(Role.AUDITOR));
        EXPECTED.put("POST /api/persons", BUREAU);
        EXPECTED.put("POST /api/persons/lookup", BUREAU);
        EXPECTED.put("GET /api/events", ANY_STAFF);
        EXPECTED.put("POST /api/notices", BUREAU);
        // Rooms and terminals
        EXPECTED.put("GET /api/sites", WATCHERS);
        EXPECTED.put("POST /api/sites", BUREAU);
        EXPECTED.put("POST /api/sites/:id/rooms", BUREAU);
        EXPECTED.put("POST /api/rooms/:id/enrol-codes", BUREAU);
        EXPECTED.put("POST /api/terminals/:id/disable", BUREAU);
        EXPECTED.put("POST /api/terminal/enrol", PUBLIC);
        // Sessions, check-in, proctoring, console, results
        EXPECTED.put("POST /api/sessions", BUREAU);
        EXPECTED.put("GET /api/sessions", WATCHERS);
        EXPECTED.put("GET /api/sessions/:id", WATCHERS);
        EXPECTED.put("POST /api/sessions/:id/candidates", BUREAU);
        EXPECTED.put("POST /api/sessions/:id/candidates/import", BUREAU);
        EXPECTED.put("POST /api/sessions/:id/state", WATCHERS);
        EXPECTED.put("POST /api/sessions/:id/checkin/identify", PROCTOR);
        EXPECTED.put("POST /api/sittings/:id/face", PROCTOR);
        EXPECTED.put("POST /api/sittings/:id/doubtful", PROCTOR);
        EXPECTED.put("POST /api/sittings/:id/warn", PROCTOR);
        EXPECTED.put("POST /api/sittings/:id/pause", PROCTOR);
        EXPECTED.put("POST /api/sittings/:id/resume", PROCTOR);
        EXPECTED.put("POST /api/sittings/:id/extra-time", PROCTOR);
        EXPECTED.put("POST /api/sittings/:id/move", PROCTOR);
        EXPECTED.put("POST /api/sittings/:id/void", PROCTOR);
        EXPECTED.put("POST /api/sessions/:id/incidents", PROCTOR);
        EXPECTED.put("GET /api/sessions/:id/room-record", WATCHERS);
        EXPECTED.put("POST /api/sessions/:id/room-record/sign", PROCTOR);
        EXPECTED.put("GET /api/sessions/:id/grid", WATCHERS);
        EXPECTED.put("GET /api/sessions/:id/signals", WATCHERS);
        EXPECTED.put("GET /api/sessions/:id/live", WATCHERS);
        EXPECTED.put("GET /api/sessions/:id/results", BUREAU);
        EXPECTED.put("GET /api/sittings/:id/answer-sheet", BUREAU);
        EXPECTED.put("GET /api/sessions/:id/results.csv", BUREAU);
        EXPECTED.put("GET /api/sessions/:id/results.xlsx", BUREAU);
        // The exam-room terminal: its device credential and candidate token, never a staff session
        EXPECTED.put("GET /api/terminal/state", TERMINAL);
        EXPECTED.put("GET /api/terminal/photo", TERMINAL);
        EXPECTED.put("POST /api/terminal/confirm", TERMINAL);
        EXPECTED.put("GET /api/exam/paper", TERMINAL);
        EXPECTED.put("POST /api/exam/answers", TERMINAL);
        EXPECTED.put("POST /api/exam/heartbeat", TERMINAL);
        EXPECTED.put("POST /api/exam/signals", TERMINAL);
        EXPECTED.put("POST /api/exam/submit", TERMINAL);
        // Proctor gateways and anomalies
        EXPECTED.put("POST /api/gateways", BUREAU);
        EXPECTED.put("GET /api/gateways", BUREAU);
        EXPECTED.put("POST /api/rooms/:id/camera", BUREAU);
        EXPECTED.put("POST /api/gateway/anomalies", Access.GATEWAY);
        EXPECTED.put("GET /api/sessions/:id/anomalies", WATCHERS);
        EXPECTED.put("GET /api/sessions/:id/video", WATCHERS);
        EXPECTED.put("POST /api/rooms/:id/video-tickets", Access.roles(Role.BUREAU_ADMIN, Role.AUDITOR));
        EXPECTED.put("GET /api/gateway/viewing-key", Access.GATEWAY);
        EXPECTED.put("POST /api/anomalies/:id/review", PROCTOR);
        EXPECTED.put("POST /api/gateway/archive-heads", Access.GATEWAY);
        EXPECTED.put("GET /api/gateway/archive-heads", Access.GATEWAY);
        EXPECTED.put("GET /api/archive-heads", Access.roles(Role.BUREAU_ADMIN, Role.AUDITOR));
        // The unified question bank: bureau administrators only
        EXPECTED.put("GET /api/bank/questions", BUREAU);
        EXPECTED.put("POST /api/bank/questions", BUREAU);
        EXPECTED.put("GET /api/bank/questions/:id", BUREAU);
        EXPECTED.put("PUT /api/bank/questions/:id", BUREAU);
        EXPECTED.put("POST /api/bank/questions/:id/status", BUREAU);
        EXPECTED.put("POST /api/bank/questions/status", BUREAU);
        EXPECTED.put("POST /api/bank/imports", BUREAU);
        EXPECTED.put("GET /api/bank/imports", BUREAU);
        EXPECTED.put("GET /api/bank/imports/:id", BUREAU);
        EXPECTED.put("GET /api/bank/blueprints", BUREAU);
        EXPECTED.put("POST /api/bank/blueprints", BUREAU);
        EXPECTED.put("POST /api/bank/blueprints/feasibility", BUREAU);
        EXPECTED.put("GET /api/bank/blueprints/:id", BUREAU);
        EXPECTED.put("PUT /api/bank/blueprints/:id", BUREAU);
        EXPECTED.put("DELETE /api/bank/blueprints/:id", BUREAU);
        EXPECTED.put("POST /api/bank/blueprints/:id/preview", BUREAU);
        EXPECTED.put("GET /api/bank/categories", BUREAU);
        EXPECTED.put("POST /api/bank/categories", BUREAU);
        EXPECTED.put("GET /api/bank/statistics", BUREAU);
        EXPECTED.put("GET /api/bank/export", BUREAU);
        EXPECTED.put("GET /api/bank/item-analysis", BUREAU);
        EXPECTED.put("GET /api/bank/item-analysis/export", BUREAU);
        // Provincial platform connector: publication, corrections, the delivery queue, registration pulls
        EXPECTED.put("POST /api/sessions/:id/publish", BUREAU);
        EXPECTED.put("POST /api/sittings/:id/corrections", BUREAU);
        EXPECTED.put("POST /api/sessions/:id/corrections", BUREAU);
        EXPECTED.put("GET /api/sittings/:id/corrections", BUREAU);
        EXPECTED.put("GET /api/province/outbox", BUREAU);
        EXPECTED.put("POST /api/province/outbox/:id/retry", BUREAU);
        EXPECTED.put("POST /api/province/registrations/pull", BUREAU);
        // Training institutions, exam applications, sanctions, one-period-one-archive (一期一档), yearly assessment
        EXPECTED.put("POST /api/institutions", BUREAU);
        EXPECTED.put("GET /api/institutions", BUREAU);
        EXPECTED.put("GET /api/institutions/:id", BUREAU);
        EXPECTED.put("POST /api/institutions/:id/staff", BUREAU);
        EXPECTED.put("POST /api/institutions/:id/suspend", BUREAU);
        EXPECTED.put("GET /api/sanctions", BUREAU);
        EXPECTED.put("GET /api/institution/me", Access.roles(Role.INSTITUTION));
        EXPECTED.put("POST /api/trainees", Access.roles(Role.INSTITUTION));
        EXPECTED.put("GET /api/trainees", Access.roles(Role.INSTITUTION));
        EXPECTED.put("POST /api/classes", Access.roles(Role.INSTITUTION));
        EXPECTED.put("GET /api/classes", Access.roles(Role.BUREAU_ADMIN, Role.INSTITUTION));
        EXPECTED.put("GET /api/classes/:id", Access.roles(Role.BUREAU_ADMIN, Role.INSTITUTION));
        EXPECTED.put("POST /api/classes/:id/members", Access.roles(Role.INSTITUTION));
        EXPECTED.put("POST /api/applications", Access.roles(Role.INSTITUTION));
        EXPECTED.put("GET /api/applications", Access.roles(Role.BUREAU_ADMIN, Role.INSTITUTION));
        EXPECTED.put("GET /api/applications/:id", Access.roles(Role.BUREAU_ADMIN, Role.INSTITUTION));
        EXPECTED.put("POST /api/applications/:id/proofs", Access.roles(Role.INSTITUTION));
        EXPECTED.put("POST /api/applications/:id/submit", Access.roles(Role.INSTITUTION));
        EXPECTED.put("POST /api/applications/:id/review", BUREAU);
        EXPECTED.put("POST /api/applications/:id/assign", BUREAU);
        EXPECTED.put("GET /api/proofs/:id", Access.roles(Role.BUREAU_ADMIN, Role.INSTITUTION));
        EXPECTED.put("GET /api/institution/results", Access.roles(Role.INSTITUTION));
        EXPECTED.put("GET /api/institution/arrangements", Access.roles(Role.INSTITUTION));
        EXPECTED.put("GET /api/assessment", BUREAU);
        EXPECTED.put("GET /api/classes/:id/archive.zip", BUREAU);
    }

    private final TestServer server = TestServer.shared();

    @Test
    void everyRouteDeclaresTheAccessThisMatrixExpects() {
        Map<String, Access> declared = new LinkedHashMap<>();
        for (RouteSpec route : server.server().routes()) {
            declared.put(key(route), route.access());
        }
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        EXPECTED.forEach(
                (route, roles) -> assertThat(declared.get(route)).as(route).isEqualTo(roles));
    }

    @Test
    void everyRouteAnswersEveryRoleAsDeclared() {
        Map<Role, ApiClient> clients = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String name = TestServer.uniqueName(role.name().toLowerCase().replace('_', '-'));
            StaffProvisioning.Created account = server.createStaff(name, "matrix-pass-1234", role);
            clients.put(role, server.client().signedIn(name, "matrix-pass-1234", account.totpSecret()));
        }
        List<RouteSpec> routes = new ArrayList<>(server.server().routes());
        // The drain would take this shared node out of service (it is open to loopback, whence the test calls):
        // DrainTest checks who may call it, on a node of its own.
        routes.removeIf(r -> r.path().equals("/drain"));
        // Sign-out ends the caller's session, so it is called last.
        routes.sort(Comparator.comparing(r -> r.path().equals("/api/auth/logout")));
        List<String> table = new ArrayList<>();
        for (RouteSpec route : routes) {
            StringBuilder row = new StringBuilder(String.format("%-34s", key(route)));
            HttpResponse<Buffer> anonymous = call(server.client(), route);
            row.append(String.format(" anon=%d", anonymous.statusCode()));
            if (route.access().device()) {
                assertThat(anonymous.statusCode())
                        .as("anonymous %s", key(route))
                        .isEqualTo(401);
            } else if (route.access().open()) {
                assertThat(anonymous.statusCode())
                        .as("anonymous %s", key(route))
                        .isNotIn(401, 403);
            } else {
                assertThat(anonymous.statusCode())
                        .as("anonymous %s", key(route))
                        .isEqualTo(401);
                assertThat(anonymous.bodyAsJsonObject().getString("code")).isEqualTo("UNAUTHENTICATED");
            }
            for (Role role : Role.values()) {
                HttpResponse<Buffer> response = call(clients.get(role), route);
                row.append(String.format(" %s=%d", role, response.statusCode()));
                if (route.access().device()) {
                    // A staff session is no device credential: staff cannot answer as a candidate or report as a
                    // gateway.
                    assertThat(response.statusCode())
                            .as("%s calling terminal route %s", role, key(route))
                            .isEqualTo(401);
                } else if (route.access().allows(role)) {
                    assertThat(response.statusCode())
                            .as("%s calling %s", role, key(route))
                            .isNotIn(401, 403);
                } else {
                    assertThat(response.statusCode())
                            .as("%s calling %s", role, key(route))
                            .isEqualTo(403);
                    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("FORBIDDEN");
                }
            }
            table.add(row.toString());
        }
        System.out.println("role matrix (HTTP status per caller):\n" + String.join("\n", table));
    }

    private static HttpResponse<Buffer> call(ApiClient client, RouteSpec route) {
        String path = route.path().replace(":id", "999999");
        Buffer body = route.changesState() ? new JsonObject().toBuffer() : null;
        return client.send(route.method(), path, body);
    }

    private static String key(RouteSpec route) {
        return route.method().name() + " " + route.path();
    }
}
