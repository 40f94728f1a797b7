package org.examhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/nginx.conf (with nginx-gateway.conf) under Debian's real nginx: {@code nginx -t} on the compose shape and
 * on the benchmark's site that load-tests/cluster/nginx-site.sh derives from it, and a running nginx with a
 * certificate made by the guide's own command in front of an HTTP listener standing where the nodes are.
 */
class DockerNginxTest {

    private static final Path DOCKER = CheckoutRoot.path().resolve("docker");
    private static final String NGINX = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";

    @TempDir
    Path dir;

    private HttpServer node;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final AtomicLong bodyBytes = new AtomicLong(-1);
    private final AtomicInteger requests = new AtomicInteger();
    private Process nginx;

    @BeforeEach
    void nodeThatRecordsWhatReachesIt() throws IOException {
        node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        node.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values.get(0)));
            try (InputStream body = exchange.getRequestBody()) {
                bodyBytes.set(body.transferTo(OutputStream.nullOutputStream()));
            }
            byte[] answer = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        node.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        node.stop(0);
    }

    @Test
    void theComposeSitePassesNginxItsOwnCheck() throws Exception {
        Path conf = composeShape(freePort(), freePort(), freePort());

        assertThat(run(List.of(
                        NGINX,
                        "-t",
                        "-q",
                        "-p",
                        dir.toString(),
                        "-c",
                        conf.toString(),
                        "-e",
                        dir.resolve("error.log").toString())))
                .as("nginx -t")
                .isEmpty();
    }

    @Test
    void theBenchmarksSiteDerivedByNginxSiteShPassesNginxItsOwnCheck() throws Exception {
        Path site = dir.resolve("site.conf");
        String derived = run(List.of(
                CheckoutRoot.path().resolve("load-tests/cluster/nginx-site.sh").toString(),
                DOCKER.resolve("nginx.conf").toString(),
                Integer.toString(freePort()),
                "127.0.0.1:" + node.getAddress().getPort(),
                "127.0.0.1:" + freePort()));
        assertThat(derived).doesNotContain("ssl_").doesNotContain("return 301").contains("listen 127.0.0.1:");
        Files.writeString(site, derived);
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, main("include " + site + ";"));

        assertThat(run(List.of(
                        NGINX,
                        "-t",
                        "-q",
                        "-p",
                        dir.toString(),
                        "-c",
                        conf.toString(),
                        "-e",
                        dir.resolve("error.log").toString())))
                .as("nginx -t")
                .isEmpty();
    }

    @Test
    void nginxEndsTlsForwardsWhoAskedTakesTheNodesBodiesAndKeepsMetricsInside() throws Exception {
        int http = freePort();
        int https = freePort();
        Path conf = composeShape(http, https, freePort());
        nginx = new ProcessBuilder(
                        NGINX,
                        "-p",
                        dir.toString(),
                        "-c",
                        conf.toString(),
                        "-e",
                        dir.resolve("error.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        awaitPort(https);
        HttpClient client = HttpClient.newBuilder()
                .sslContext(trusting(dir.resolve("tls.crt")))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String base = "https://localhost:" + https;

        HttpResponse<String> plain = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + http + "/api/site"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(301);
        assertThat(plain.headers().firstValue("Location")).hasValue("https://localhost/api/site");

        HttpResponse<String> proxied = client.send(
                HttpRequest.newBuilder(URI.create(base + "/health"))
                        .header("X-Forwarded-For", "10.9.9.9")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(seen)
                .containsEntry("x-forwarded-proto", "https")
                .containsEntry("x-forwarded-host", "localhost")
                .containsEntry("x-forwarded-port", Integer.toString(https))
                // The client's own header stays first; the address nginx saw comes last, which is what the node
                // believes.
                .containsEntry("x-forwarded-for", "10.9.9.9, 127.0.0.1");

        int before = requests.get();
        for (String inside : List.of("/metrics", "/drain")) {
            HttpResponse<String> refused = client.send(
                    HttpRequest.newBuilder(URI.create(base + inside)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(inside).isEqualTo(404);
        }
        assertThat(requests.get()).as("nothing reached the node").isEqualTo(before);

        int limit = ServerLimits.bodyLimitMegabytes() * 1024 * 1024;
        HttpResponse<String> largest = client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/applications/1/proofs"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[limit]))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(largest.statusCode()).isEqualTo(200);
        assertThat(bodyBytes.get()).isEqualTo(limit);
        HttpResponse<String> tooLarge = client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/applications/1/proofs"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[limit + 1]))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
    }

    /**
     * docker/nginx.conf and nginx-gateway.conf as compose mounts them, with what exists only on the compose network
     * or in Docker secrets put here: the nodes' names (the listener of this test), the certificate (made by the
     * guide's command), the ports (free ones, not 80, 443 and 8443).
     */
    private Path composeShape(int http, int https, int gateway) throws Exception {
        run(List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                dir.resolve("tls.key").toString(),
                "-out",
                dir.resolve("tls.crt").toString()));
        String nodeAddress = "127.0.0.1:" + node.getAddress().getPort();
        Path site = dir.resolve("default.conf");
        Files.writeString(
                site,
                Files.readString(DOCKER.resolve("nginx.conf"))
                        .replaceAll("node[0-9]+:8080", nodeAddress)
                        .replace("listen 80;", "listen 127.0.0.1:" + http + ";")
                        .replace("listen 443 ssl;", "listen 127.0.0.1:" + https + " ssl;")
                        .replace("/run/secrets/", dir + "/"));
        Path gatewaySite = dir.resolve("gateway.conf");
        Files.writeString(
                gatewaySite,
                Files.readString(DOCKER.resolve("nginx-gateway.conf"))
                        .replace("listen 8443 ssl;", "listen 127.0.0.1:" + gateway + " ssl;")
                        .replace("/run/secrets/", dir + "/"));
        assertThat(Files.readString(site)).doesNotContain("node1").contains(dir + "/tls.crt");
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, main("include " + site + ";\n  include " + gatewaySite + ";"));
        return conf;
    }

    /** The main configuration around the sites, as the nginx image's and the benchmark's are. */
    private String main(String includes) throws IOException {
        for (String temp : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Files.createDirectories(dir.resolve(temp));
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user root root;\n" : "") + "worker_processes 1;\ndaemon off;\npid " + dir.resolve("nginx.pid")
                + ";\nevents {\n  worker_connections 64;\n}\nhttp {\n  access_log off;\n"
                + "  client_body_temp_path " + dir.resolve("body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + "  " + includes + "\n}\n";
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry(
                    "examhall", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Runs a command to its end; its output (both streams) when it succeeds, an assertion error otherwise. */
    private String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
        return command.get(0).equals(NGINX) ? output.strip() : output;
    }

    private void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                assertThat(nginx.isAlive())
                        .as(Files.readString(dir.resolve("nginx.out")))
                        .isTrue();
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + port + ": " + Files.readString(dir.resolve("error.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
