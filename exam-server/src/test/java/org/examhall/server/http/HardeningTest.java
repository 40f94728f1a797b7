package org.examhall.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.TestServer.uniqueName;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a browser and a network attacker meet: pages that run only their own scripts and are never
 * framed, HSTS behind TLS, JSON routes that refuse the form-like bodies a foreign site can post
 * (sign-in CSRF through text/plain), and metrics only for the configured scrapers.
 */
class HardeningTest {

    private static final String PASSWORD = "correct-horse-42";
    private static TestServer behindTls;

    private final TestServer server = TestServer.shared();

    @BeforeAll
    static void startNodeBehindTls() {
        behindTls = TestServer.start(config -> {
            config.http.secureCookies = true;
            config.http.metricsAllowFrom = new ArrayList<>(List.of("10.0.0.0/8"));
            config.http.metricsToken = "scrape-token-0123456789";
        });
    }

    @AfterAll
    static void stop() {
        behindTls.close();
    }

    @Test
    void pagesAndAnswersCarryAPolicyWithoutInlineCodeOrFraming() {
        for (String path : new String[] {"/", "/console.html", "/api/auth/me", "/health"}) {
            HttpResponse<Buffer> response = server.client().get(path);
            String policy = response.getHeader("Content-Security-Policy");
            assertThat(policy)
                    .as(path)
                    .contains("script-src 'self'")
                    .contains("style-src 'self'")
                    .contains("frame-ancestors 'none'")
                    .contains("object-src 'none'")
                    .doesNotContain("unsafe-inline")
                    .doesNotContain("unsafe-eval");
            assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.getHeader("Strict-Transport-Security"))
                    .as("no HSTS over plain HTTP")
                    .isNull();
        }
        assertThat(behindTls.client().get("/").getHeader("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000");
    }

    @Test
    void aSignInPostedAsAFormOrPlainTextIsRefusedAndAuditsNothing() {
        String name = uniqueName("csrf");
        server.createStaff(name, PASSWORD, Role.AUDITOR);
        String json = "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}";
        for (String type :
                new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            HttpResponse<Buffer> response =
                    server.client().sendRaw(HttpMethod.POST, "/api/auth/login", type, Buffer.buffer(json));
            assertThat(response.statusCode()).as(type).isEqualTo(415);
            assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
            assertThat(response.cookies()).noneMatch(c -> c.startsWith("examhall.sid="));
        }
        server.chainAudit();
        assertThat(TestServer.await(server.server()
                                .pool()
                                .preparedQuery(
                                        "SELECT count(*) AS n FROM audit_log WHERE target = $1 AND action LIKE 'staff.sign%'")
                                .execute(Tuple.of("staff:" + name)))
                        .iterator()
                        .next()
                        .getLong("n"))
                .isZero();
        assertThat(server.client().login(name, PASSWORD, null).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAnswerOnlyTheConfiguredRangesOrTheBearerToken() {
        assertThat(server.client().get("/metrics").statusCode())
                .as("loopback, the default range")
                .isEqualTo(200);
        HttpResponse<Buffer> refused = behindTls.client().get("/metrics");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsString()).doesNotContain("vertx_");
        assertThat(behindTls
                        .client()
                        .withHeader("Authorization", "Bearer wrong")
                        .get("/metrics")
                        .statusCode())
                .isEqualTo(403);
        assertThat(behindTls
                        .client()
                        .withHeader("X-Forwarded-For", "10.1.2.3")
                        .get("/metrics")
                        .statusCode())
                .as("a forwarded-for from a client that is no configured proxy")
                .isEqualTo(403);
        HttpResponse<Buffer> scraped = behindTls
                .client()
                .withHeader("Authorization", "Bearer scrape-token-0123456789")
                .get("/metrics");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.bodyAsString()).contains("# TYPE");
    }
}
