package org.examhall.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls every declared route as every role and anonymously. The expected matrix is written out
 * here, so widening a route's access is a visible change to this test, not a silent one.
 */
class RoleMatrixTest {

  private static final Set<Role> PUBLIC = null;
  private static final Set<Role> ANY_STAFF = EnumSet.allOf(Role.class);

  private static final Map<String, Set<Role>> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("GET /health", PUBLIC);
    EXPECTED.put("GET /metrics", PUBLIC);
    EXPECTED.put("GET /openapi.yaml", PUBLIC);
    EXPECTED.put("POST /api/auth/login", PUBLIC);
    EXPECTED.put("POST /api/auth/logout", ANY_STAFF);
    EXPECTED.put("GET /api/auth/me", ANY_STAFF);
    EXPECTED.put("GET /api/staff", EnumSet.of(Role.BUREAU_ADMIN, Role.AUDITOR));
    EXPECTED.put("POST /api/staff", EnumSet.of(Role.BUREAU_ADMIN));
    EXPECTED.put("POST /api/staff/:id/unlock", EnumSet.of(Role.BUREAU_ADMIN));
    EXPECTED.put("GET /api/audit/verify", EnumSet.of(Role.AUDITOR));
    EXPECTED.put("GET /api/audit/entries", EnumSet.of(Role.AUDITOR));
    EXPECTED.put("POST /api/persons", EnumSet.of(Role.BUREAU_ADMIN));
    EXPECTED.put("POST /api/persons/lookup", EnumSet.of(Role.BUREAU_ADMIN, Role.PROCTOR));
    EXPECTED.put("GET /api/events", ANY_STAFF);
    EXPECTED.put("POST /api/notices", EnumSet.of(Role.BUREAU_ADMIN));
  }

  private final TestServer server = TestServer.shared();

  @Test
  void everyRouteDeclaresTheAccessThisMatrixExpects() {
    Map<String, Set<Role>> declared = new LinkedHashMap<>();
    for (RouteSpec route : server.server().routes()) {
      declared.put(key(route), route.access().open() ? PUBLIC : route.access().roles());
    }
    assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    EXPECTED.forEach((route, roles) -> assertThat(declared.get(route)).as(route).isEqualTo(roles));
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
    // Sign-out ends the caller's session, so it is called last.
    routes.sort(Comparator.comparing(r -> r.path().equals("/api/auth/logout")));
    List<String> table = new ArrayList<>();
    for (RouteSpec route : routes) {
      StringBuilder row = new StringBuilder(String.format("%-34s", key(route)));
      HttpResponse<Buffer> anonymous = call(server.client(), route);
      row.append(String.format(" anon=%d", anonymous.statusCode()));
      if (route.access().open()) {
        assertThat(anonymous.statusCode()).as("anonymous %s", key(route)).isNotIn(401, 403);
      } else {
        assertThat(anonymous.statusCode()).as("anonymous %s", key(route)).isEqualTo(401);
        assertThat(anonymous.bodyAsJsonObject().getString("code")).isEqualTo("UNAUTHENTICATED");
      }
      for (Role role : Role.values()) {
        HttpResponse<Buffer> response = call(clients.get(role), route);
        row.append(String.format(" %s=%d", role, response.statusCode()));
        if (route.access().allows(role)) {
          assertThat(response.statusCode()).as("%s calling %s", role, key(route)).isNotIn(401, 403);
        } else {
          assertThat(response.statusCode()).as("%s calling %s", role, key(route)).isEqualTo(403);
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
