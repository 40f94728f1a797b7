package org.examhall.deploy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real exam-server node in demo mode from the tools jar, on the drill's PostgreSQL, with its audit
 * anchor file where the drill says; changed through HTTP as the bureau's administrator.
 */
final class RestoreDrillNode implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final String base;
    private final HttpClient http;
    private String csrfToken;

    private RestoreDrillNode(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.base = "http://127.0.0.1:" + httpPort;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static RestoreDrillNode start(
            Path repository, Path workDir, String databaseUrl, Path anchorFile, int httpPort, int clusterPort)
            throws Exception {
        Files.createDirectories(workDir);
        Path config = workDir.resolve("examhall.yaml");
        // A cluster of its own: a random name and itself as the only member, so that it joins no other test's.
        Files.writeString(
                config,
                """
                mode: demo
                http:
                  host: 127.0.0.1
                  port: %d
                database:
                  url: %s
                cluster:
                  name: restore-drill-%s
                  host: 127.0.0.1
                  port: %d
                  members: [127.0.0.1:%d]
                security:
                  auditAnchorFile: %s
                """.formatted(httpPort, databaseUrl, UUID.randomUUID(), clusterPort, clusterPort, anchorFile),
                StandardCharsets.UTF_8);
        Path log = workDir.resolve("node.log");
        ProcessBuilder builder = new ProcessBuilder(
                        "java",
                        "@" + repository.resolve("exam-server/jvm.options"),
                        "-Xmx512m",
                        "-jar",
                        repository.resolve("tools/target/examhall-tools.jar").toString(),
                        "demo",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("EXAMHALL_DATA_DIR", workDir.resolve("data").toString());
        RestoreDrillNode node = new RestoreDrillNode(builder.start(), log, httpPort);
        node.awaitHealthy();
        return node;
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.currentTimeMillis() + START_TIMEOUT.toMillis();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited while starting:\n" + tailOfLog());
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the node did not answer /health within " + START_TIMEOUT);
            }
            Thread.sleep(250);
        }
    }

    /** Signs in with a password; demo mode asks no one-time code. */
    void signIn(String username, String password) throws Exception {
        HttpResponse<String> response = post(
                "/api/auth/login", new JsonObject().put("username", username).put("password", password));
        csrfToken = new JsonObject(response.body()).getString("csrfToken");
    }

    /** Creates a staff account: a row in staff_account and a {@code staff.created} audit entry. */
    void createStaff(String username) throws Exception {
        post(
                "/api/staff",
                new JsonObject()
                        .put("username", username)
                        .put("displayName", "演练 " + username)
                        .put("password", "restore-drill-2026")
                        .put("role", "AUDITOR"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, JsonObject body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private String tailOfLog() throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.substring(Math.max(0, text.length() - 4000));
    }

    /** Stops the node as its service manager would (SIGTERM): it chains what is pending and anchors the head. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
