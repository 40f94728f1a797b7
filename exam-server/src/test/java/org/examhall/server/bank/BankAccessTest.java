package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.examhall.server.http.Access;
import org.examhall.server.http.Role;
import org.examhall.server.http.RouteSpec;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * 考培分离: institutions, proctors and auditors never reach the bank, its blueprints or its sample
 * papers (which carry answer keys), whatever route they try; the anonymous are asked to sign in.
 */
class BankAccessTest {

    private final TestServer server = TestServer.shared();

    @Test
    void everyBankRouteIsForBureauAdministratorsOnly() {
        List<RouteSpec> bankRoutes = server.server().routes().stream()
                .filter(r -> r.path().startsWith("/api/bank"))
                .toList();
        assertThat(bankRoutes).hasSizeGreaterThanOrEqualTo(20);
        bankRoutes.forEach(
                route -> assertThat(route.access()).as(route.path()).isEqualTo(Access.roles(Role.BUREAU_ADMIN)));

        for (Role role : List.of(Role.INSTITUTION, Role.PROCTOR, Role.AUDITOR)) {
            String name =
                    TestServer.uniqueName("bank-" + role.name().toLowerCase().replace('_', '-'));
            StaffProvisioning.Created account = server.createStaff(name, BankFixture.PASSWORD, role);
            ApiClient client = server.client().signedIn(name, BankFixture.PASSWORD, account.totpSecret());
            for (RouteSpec route : bankRoutes) {
                HttpResponse<Buffer> response = call(client, route);
                assertThat(response.statusCode())
                        .as("%s calling %s %s", role, route.method(), route.path())
                        .isEqualTo(403);
                assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("FORBIDDEN");
            }
        }
        ApiClient anonymous = server.client();
        for (RouteSpec route : bankRoutes) {
            assertThat(call(anonymous, route).statusCode())
                    .as("anonymous %s %s", route.method(), route.path())
                    .isEqualTo(401);
        }
    }

    /** Calls with a real blueprint id and a plausible body, so nothing but the role can stop the call. */
    private static HttpResponse<Buffer> call(ApiClient client, RouteSpec route) {
        String path = route.path().replace(":id", "DEMO-ELEC-LV");
        Buffer body = route.changesState() ? new JsonObject().put("seed", 1).toBuffer() : null;
        return client.send(route.method(), path, body);
    }
}
