package org.examhall.proctor.archive.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.examhall.proctor.Gateway;
import org.examhall.proctor.cli.ArchiveVerify;
import org.examhall.proctor.config.ConfigLoader;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.testing.Await;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.FfmpegPusher;
import org.examhall.proctor.testing.Loopback;
import org.examhall.proctor.testing.S3ProxyServer;
import org.examhall.proctor.testing.SentS3Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The gateway with {@code archive.store: s3} against s3proxy (filesystem backend) in this JVM, recording a
 * camera that the {@code ffmpeg} command line pushes over UDP: what reaches the bucket, the Object Lock the
 * gateway asks for (s3proxy ignores it, so the requests the SDK sends are read), archive-verify reading the
 * archive back from the bucket, and an outage of the store across a gateway restart.
 */
class S3ArchiveTest {

    private static final String TOKEN = "s3-archive-test-token";
    private static final String BUCKET = "examhall-archive";
    private static final String PREFIX = "county-01/";
    private static final Pattern BACKLOG =
            Pattern.compile("^examhall_gateway_archive_backlog_segments\\{site=\"site1\"} (\\d+)$", Pattern.MULTILINE);
    private static final Pattern FAILURES = Pattern.compile(
            "^examhall_gateway_archive_upload_failures_total\\{site=\"site1\"} (\\d+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private S3ProxyServer s3;
    private FfmpegPusher camera;
    private Gateway gateway;
    private S3Client client;
    private Path configFile;
    private GatewayConfig config;
    private ArchiveLayout layout;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        s3 = S3ProxyServer.start(dir.resolve("s3proxy"), BUCKET);
        Files.writeString(dir.resolve("access-key"), S3ProxyServer.ACCESS_KEY + "\n");
        Files.writeString(dir.resolve("secret-key"), S3ProxyServer.SECRET_KEY + "\n");
        int cameraPort = Loopback.freeUdpPort();
        configFile = dir.resolve("gateway.yaml");
        Files.writeString(configFile, """
                site: site1
                demo: true
                dataDir: %s
                archive:
                  segmentSeconds: 2
                  store:
                    type: s3
                    endpoint: %s
                    bucket: %s
                    prefix: %s
                    accessKeyFile: %s
                    secretKeyFile: %s
                examServer:
                  token: %s
                http:
                  port: %d
                detection:
                  enabled: false
                rooms:
                  - id: room1
                    sources:
                      - id: cam1
                        type: udp-ts
                        url: udp://127.0.0.1:%d
                """.formatted(
                        dir.resolve("data"),
                        s3.endpoint(),
                        BUCKET,
                        PREFIX,
                        dir.resolve("access-key"),
                        dir.resolve("secret-key"),
                        TOKEN,
                        Loopback.freeTcpPort(),
                        cameraPort));
        config = ConfigLoader.load(configFile, Map.of());
        layout = new ArchiveLayout(config.archive().root(), config.site(), config.timeZone());
        client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .build();
        Path clip = Clips.generate(dir.resolve("camera.ts"), 8, List.of());
        gateway = Gateway.start(config, Clock.systemUTC());
        camera = FfmpegPusher.udp(clip, cameraPort);
    }

    @AfterEach
    void stop() throws Exception {
        if (camera != null) {
            camera.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (client != null) {
            client.close();
        }
        s3.close();
    }

    @Test
    void segmentsAndManifestsReachTheBucketWithTheirSm3AndLocksAndArchiveVerifyReadsThemBack() throws Exception {
        Await.until(Duration.ofSeconds(60), () -> storedSegments().size() >= 3);
        // From a moment ahead: the segments in the bucket stay as they are for the checks below (see the end).
        Instant from = Instant.now().plusSeconds(3);
        assertThat(placeHold("incident-1", from, from.plusSeconds(120)).statusCode())
                .isEqualTo(201);
        Await.until(
                Duration.ofSeconds(30),
                () -> segmentPuts().stream().anyMatch(p -> "ON".equals(p.header("x-amz-object-lock-legal-hold"))));
        finishRecording();

        List<ManifestLine> segments = listedSegments();
        assertThat(segments).hasSizeGreaterThanOrEqualTo(4);
        assertThat(localSegmentFiles())
                .as("every segment confirmed in the bucket is gone from local disk")
                .isEmpty();
        for (ManifestLine segment : segments) {
            HeadObjectResponse head = client.headObject(h -> h.bucket(BUCKET).key(PREFIX + key(segment)));
            assertThat(head.metadata().get("sm3"))
                    .as("x-amz-meta-sm3 of " + key(segment))
                    .isEqualTo(segment.fields().get("sm3").asText());
            assertThat(head.contentLength())
                    .isEqualTo(segment.fields().get("bytes").asLong());
        }

        // What the gateway asks of a store with Object Lock, which s3proxy neither keeps nor enforces.
        List<SentS3Requests.Sent> puts = segmentPuts();
        assertThat(puts).hasSizeGreaterThanOrEqualTo(segments.size());
        for (SentS3Requests.Sent put : puts) {
            String name = put.path().substring(put.path().lastIndexOf('/') + 1);
            Instant recorded = layout.segmentStart(name).orElseThrow();
            assertThat(put.header("x-amz-object-lock-mode")).isEqualTo("COMPLIANCE");
            assertThat(Instant.parse(put.header("x-amz-object-lock-retain-until-date")))
                    .as("retained three years from the recording")
                    .isEqualTo(recorded.atOffset(ZoneOffset.UTC).plusYears(3).toInstant());
            assertThat(put.header("x-amz-meta-sm3")).hasSize(64);
            assertThat(put.header("content-md5"))
                    .as("the store checks the transfer")
                    .isNotBlank();
        }
        assertThat(puts)
                .as("segments recorded while the incident hold stands are sent with a legal hold")
                .anyMatch(p -> "ON".equals(p.header("x-amz-object-lock-legal-hold")));
        List<SentS3Requests.Sent> manifestPuts = SentS3Requests.all().stream()
                .filter(r -> r.method().equals("PUT") && r.path().endsWith("/manifest.jsonl"))
                .toList();
        assertThat(manifestPuts).isNotEmpty().allSatisfy(p -> {
            assertThat(p.header("x-amz-object-lock-mode")).isEqualTo("COMPLIANCE");
            assertThat(p.header("x-amz-meta-sm3")).hasSize(64);
        });

        Verification intact = verify();
        assertThat(intact.exit()).as(intact.out()).isZero();
        assertThat(intact.out()).contains(segments.size() + " segments");

        // Altered in the store itself: the copy on this disk is long gone, so the bucket is what is checked.
        String altered = key(segments.get(1));
        try (RandomAccessFile file =
                new RandomAccessFile(s3.objectFile(BUCKET, PREFIX + altered).toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0xff);
        }
        Verification tampered = verify();
        assertThat(tampered.exit()).as(tampered.out()).isEqualTo(1);
        assertThat(tampered.out())
                .contains("PROBLEM ALTERED room1/"
                        + altered.substring(layout.roomKey("room1").length()));

        // A hold over footage already in the bucket sets the store's legal hold on each segment. Last, because
        // s3proxy takes that request for an upload and overwrites the object with it.
        gateway = Gateway.start(config, Clock.systemUTC());
        Instant first = Instant.parse(segments.get(0).fields().get("start").asText());
        assertThat(placeHold("incident-2", first, first.plusSeconds(5)).statusCode())
                .isEqualTo(201);
        List<String> legalHolds = SentS3Requests.all().stream()
                .filter(r -> r.method().equals("PUT") && r.query("legal-hold"))
                .map(SentS3Requests.Sent::path)
                .toList();
        assertThat(legalHolds)
                .as("PutObjectLegalHold for the segments the new hold covers")
                .anyMatch(p -> p.endsWith(key(segments.get(0)) + "?legal-hold"));
    }

    private HttpResponse<String> placeHold(String id, Instant from, Instant to) throws Exception {
        String hold = "{\"id\":\"" + id + "\",\"room\":\"room1\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"reason\":\"phone seen\"}";
        return http.send(
                HttpRequest.newBuilder(URI.create(gatewayUrl() + "/api/holds"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(hold))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOutageOfTheStoreKeepsEverySegmentOnDiskAcrossARestartUntilTheStoreHasIt() throws Exception {
        Await.until(Duration.ofSeconds(60), () -> storedSegments().size() >= 1);
        s3.stop();
        int listedAtOutage = listedSegments().size();
        Await.until(Duration.ofSeconds(60), () -> metric(BACKLOG) >= 3);
        assertThat(metric(FAILURES)).as("failed uploads are counted").isPositive();
        assertThat(listedSegments().size())
                .as("recording goes on while the store is away")
                .isGreaterThan(listedAtOutage);

        gateway.close();
        gateway = null;
        int waiting = localSegmentFiles().size();
        assertThat(waiting).as("the unsent segments stay on disk").isGreaterThanOrEqualTo(3);
        gateway = Gateway.start(config, Clock.systemUTC());
        assertThat(metric(BACKLOG))
                .as("a restarted gateway finds what is waiting")
                .isGreaterThanOrEqualTo(waiting);

        s3.start();
        Await.until(Duration.ofSeconds(90), () -> metric(BACKLOG) == 0);
        finishRecording();

        List<ManifestLine> segments = listedSegments();
        List<String> stored = storedSegments();
        for (ManifestLine segment : segments) {
            assertThat(stored).contains(key(segment));
        }
        assertThat(localSegmentFiles()).isEmpty();
        Verification verification = verify();
        assertThat(verification.exit()).as(verification.out()).isZero();
    }

    /** The camera stops and the gateway closes, sealing its manifests and sending them. */
    private void finishRecording() throws Exception {
        camera.close();
        camera = null;
        gateway.close();
        gateway = null;
    }

    private String gatewayUrl() {
        return "http://127.0.0.1:" + config.http().port();
    }

    private long metric(Pattern pattern) {
        String body;
        try {
            body = http.send(
                            HttpRequest.newBuilder(URI.create(gatewayUrl() + "/metrics"))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher m = pattern.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return Long.parseLong(m.group(1));
    }

    private List<String> storedSegments() {
        return client.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix(PREFIX)).contents().stream()
                .map(S3Object::key)
                .filter(k -> k.endsWith(".ts"))
                .map(k -> k.substring(PREFIX.length()))
                .toList();
    }

    private static List<SentS3Requests.Sent> segmentPuts() {
        return SentS3Requests.all().stream()
                .filter(r -> r.method().equals("PUT") && r.path().endsWith(".ts"))
                .toList();
    }

    private List<ManifestLine> listedSegments() throws Exception {
        List<ManifestLine> lines = new ArrayList<>();
        for (LocalDate day : layout.days("room1")) {
            for (ManifestLine line : ManifestReader.read(layout.manifestFile("room1", day))) {
                if (line.type().equals("segment")) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private String key(ManifestLine segment) {
        Instant start = Instant.parse(segment.fields().get("start").asText());
        return layout.segmentKey(
                "room1", layout.day(start), segment.fields().get("path").asText());
    }

    private List<Path> localSegmentFiles() throws Exception {
        try (Stream<Path> files = Files.walk(config.archive().root())) {
            return files.filter(f -> f.toString().endsWith(".ts")).toList();
        }
    }

    private record Verification(int exit, String out) {}

    private Verification verify() throws Exception {
        List<LocalDate> days = layout.days("room1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ArchiveVerify.run(
                new String[] {
                    "--config",
                    configFile.toString(),
                    "--room",
                    "room1",
                    "--from",
                    days.get(0).toString(),
                    "--to",
                    days.get(days.size() - 1).toString()
                },
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Verification(exit, out.toString(StandardCharsets.UTF_8));
    }
}
