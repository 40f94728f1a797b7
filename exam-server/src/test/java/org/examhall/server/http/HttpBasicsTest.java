package org.examhall.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Health, metrics, the API document and the one error format, over real HTTP against a running node. */
class HttpBasicsTest {

    private final TestServer server = TestServer.shared();
    private final ApiClient client = server.client();

    @Test
    void healthReportsTheDatabaseUpAndTheClusterMember() {
        HttpResponse<Buffer> response = client.get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getJsonObject("database").getBoolean("up")).isTrue();
        String database = "localhost:" + server.server().config().database.embedded.port;
        assertThat(body.getJsonObject("database").getString("primary")).isEqualTo(database);
        assertThat(body.getJsonObject("cluster").getInteger("members")).isEqualTo(1);
    }

    @Test
    void metricsAreInPrometheusFormatWithServerAndJvmMeters() {
        client.get("/health");
        HttpResponse<Buffer> response = client.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        String text = response.bodyAsString();
        assertThat(text)
                .contains("# TYPE")
                .contains("vertx_http_server_requests_total")
                .contains("jvm_memory_used_bytes")
                .contains("examhall_db_primary{host=\"localhost:"
                        + server.server().config().database.embedded.port + "\"} 1.0");
    }

    @Test
    void openApiDocumentDescribesEveryDeclaredRoute() {
        HttpResponse<Buffer> response = client.get("/openapi.yaml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("application/yaml");
        String document = response.bodyAsString();
        for (RouteSpec route : server.server().routes()) {
            String path = route.path().replaceAll(":([A-Za-z]+)", "{$1}");
            assertThat(document)
                    .as("openapi.yaml documents %s %s", route.method(), path)
                    .contains("  " + path + ":");
            int at = document.indexOf("  " + path + ":");
            int next = document.indexOf("\n  /", at + 3);
            String block = document.substring(at, next < 0 ? document.length() : next);
            assertThat(block)
                    .as("openapi.yaml documents method %s of %s", route.method(), path)
                    .contains("    " + route.method().name().toLowerCase() + ":");
        }
    }

    @Test
    void theSiteTimeZoneIsPublicForEveryPage() {
        HttpResponse<Buffer> response = client.get("/api/site");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("timeZone")).isEqualTo("Asia/Shanghai");
    }

    @Test
    void anyStaffMemberReadsTheOperationItemsByName() {
        var proctor =
                server.createStaff(TestServer.uniqueName("items-proctor"), "Items-Passw0rd-Proctor!", Role.PROCTOR);
        ApiClient signedIn =
                server.client().signedIn(proctor.username(), "Items-Passw0rd-Proctor!", proctor.totpSecret());

        JsonObject body = signedIn.get("/api/operation-items").bodyAsJsonObject();

        assertThat(body.getJsonArray("items").stream().map(JsonObject.class::cast))
                .anySatisfy(item -> assertThat(item.getString("code") + " " + item.getString("name"))
                        .isEqualTo("ELEC-LV 低压电工作业"));
        assertThat(client.get("/api/operation-items").statusCode()).isEqualTo(401);
    }

    @Test
    void malformedJsonIsRejectedWithAStableCodeInBothLanguages() {
        HttpResponse<Buffer> response =
                client.send(HttpMethod.POST, "/api/auth/login", Buffer.buffer("{\"username\": "));
        assertError(response, 400, "INVALID_JSON");
        assertThat(response.bodyAsJsonObject().getString("requestId")).isEqualTo(response.getHeader("X-Request-Id"));
    }

    @Test
    void aJsonArrayWhereAnObjectIsExpectedIsRejected() {
        assertError(client.send(HttpMethod.POST, "/api/auth/login", Buffer.buffer("[1,2]")), 400, "INVALID_JSON");
    }

    @Test
    void missingFieldsAreNamedInTheError() {
        HttpResponse<Buffer> response = client.post("/api/auth/login", new JsonObject().put("username", "someone"));
        assertError(response, 400, "VALIDATION_FAILED");
        assertThat(response.bodyAsJsonObject().getJsonObject("message").getString("en"))
                .contains("password");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String big = "{\"username\":\"" + "a".repeat(9 * 1024 * 1024) + "\"}";
        assertError(client.send(HttpMethod.POST, "/api/auth/login", Buffer.buffer(big)), 413, "BODY_TOO_LARGE");
    }

    @Test
    void unknownRoutesAnswer404InTheSameFormat() {
        for (String path : List.of("/api/no-such-thing", "/no-such-page.html", "/api/staff/1/no-such-action")) {
            assertError(client.get(path), 404, "NOT_FOUND");
        }
    }

    @Test
    void theLoginPageIsServedInChineseByDefault() {
        HttpResponse<Buffer> response = client.get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsString()).contains("zh-CN").contains("登录");
    }

    @Test
    void responsesCarrySecurityHeaders() {
        HttpResponse<Buffer> response = client.get("/health");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    static void assertError(HttpResponse<Buffer> response, int status, String code) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("code")).isEqualTo(code);
        assertThat(body.getJsonObject("message").getString("zh")).isNotBlank().matches(".*[\\u4e00-\\u9fa5].*");
        assertThat(body.getJsonObject("message").getString("en")).isNotBlank();
        assertThat(body.getString("requestId")).isNotBlank();
    }
}
