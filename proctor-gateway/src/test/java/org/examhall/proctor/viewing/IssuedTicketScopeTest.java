package org.examhall.proctor.viewing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.examhall.proctor.Gateway;
import org.examhall.proctor.archive.ArchiveIndex;
import org.examhall.proctor.archive.ArchivedSegment;
import org.examhall.proctor.config.ConfigLoader;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.ExamServerNode;
import org.examhall.proctor.testing.Loopback;
import org.examhall.proctor.testing.TestArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tickets as a real exam-server issues them, used at a real gateway over HTTP. The demo's proctor, assigned to
 * the demo session that has just opened check-in, replays the room within the session's window but not the
 * room's recording from three hours before, and cannot replay with the live ticket; the bureau admin's ticket
 * for those earlier hours works, and its issue, with the reason given, is in exam-server's audit log.
 */
class IssuedTicketScopeTest {

    private static final String ROOM = "room-101";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** Inside the demo session's window, which opens 75 minutes before its start (now). */
    private static final Instant DURING = NOW.minus(Duration.ofMinutes(10));
    /** Long before the session: another day's business of the room. */
    private static final Instant EARLIER = NOW.minus(Duration.ofHours(3));

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final WebClient http = WebClient.create(vertx);
    private ExamServerNode examServer;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (examServer != null) {
            examServer.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aProctorsTicketsKeepToTheSessionWhileTheBureausWideTicketIsAudited() throws Exception {
        List<String> during = archive(DURING);
        List<String> earlier = archive(EARLIER);
        examServer = ExamServerNode.start(dir.resolve("exam-server"));
        String base = startGateway();

        long sessionId = number("SELECT id FROM exam_session ORDER BY id LIMIT 1");
        long roomId = number("SELECT room_id FROM exam_session ORDER BY id LIMIT 1");
        WebClientSession proctor = signedIn("proctor1", "demo-proctor-2026");
        JsonObject video = send(proctor.getAbs(examServer.url() + "/api/sessions/" + sessionId + "/video"), null)
                .bodyAsJsonObject();
        String duringPlaylist = playlist(base, DURING);
        String earlierPlaylist = playlist(base, EARLIER);
        // Whatever the proctor was given, the room's recording from before the session stays closed to them.
        JsonObject given = video.getJsonObject("playback", new JsonObject());
        for (String ticket : Stream.of(video.getString("ticket"), given.getString("ticket"))
                .filter(Objects::nonNull)
                .toList()) {
            assertThat(get(earlierPlaylist, ticket).statusCode())
                    .as("the playlist of 3 hours before")
                    .isEqualTo(403);
            assertThat(get(base + earlier.get(0), ticket).statusCode())
                    .as("a segment of 3 hours before")
                    .isEqualTo(403);
        }
        String live = video.getString("ticket");
        String playback = given.getString("ticket");
        assertThat(get(duringPlaylist, playback).statusCode()).isEqualTo(200);
        assertThat(get(base + during.get(0), playback).statusCode()).isEqualTo(200);
        assertThat(get(base + "/live/" + ROOM, live).statusCode()).isEqualTo(200);
        assertRefused(get(duringPlaylist, live), "ticket_wrong_purpose");
        assertRefused(get(base + during.get(0), live), "ticket_wrong_purpose");
        assertRefused(get(earlierPlaylist, playback), "ticket_outside_range");
        assertRefused(get(base + earlier.get(0), playback), "ticket_outside_range");

        String reason = "复核 " + EARLIER + " 前后考场情况";
        WebClientSession admin = signedIn("admin", "demo-admin-2026");
        JsonObject wide = send(
                        admin.postAbs(examServer.url() + "/api/rooms/" + roomId + "/video-tickets"),
                        new JsonObject()
                                .put(
                                        "from",
                                        EARLIER.minus(Duration.ofMinutes(30)).toString())
                                .put("to", EARLIER.plus(Duration.ofHours(3)).toString())
                                .put("reason", reason))
                .bodyAsJsonObject();
        String bureau = wide.getJsonObject("playback").getString("ticket");
        assertThat(get(earlierPlaylist, bureau).statusCode()).isEqualTo(200);
        assertThat(get(base + earlier.get(0), bureau).statusCode()).isEqualTo(200);
        assertThat(get(duringPlaylist, bureau).statusCode()).isEqualTo(200);
        assertThat(number("""
                SELECT count(*) FROM audit_trail WHERE action = 'video.ticket_issued' AND target = 'room:' || $1::bigint
                   AND actor = 'admin' AND details::jsonb ->> 'reason' = $2""", roomId, reason)).isEqualTo(1);
    }

    /** One minute of the room's camera archived from {@code start}; answers the archive URLs of its segments. */
    private List<String> archive(Instant start) throws Exception {
        Path recording = Clips.generate(dir.resolve("recording-" + start.getEpochSecond() + ".ts"), 20, List.of());
        try (TestArchive archive = new TestArchive(dir.resolve("archive"), Clock.fixed(start, ZoneOffset.UTC))) {
            Clips.archive(archive, ROOM, recording, start, Duration.ofSeconds(4));
            List<ArchivedSegment> segments =
                    new ArchiveIndex(archive.layout).range(ROOM, "cam1", start, start.plusSeconds(20));
            assertThat(segments).isNotEmpty();
            return segments.stream()
                    .map(s -> "/archive/" + ROOM + "/" + s.day() + "/" + s.path())
                    .toList();
        }
    }

    private String startGateway() throws Exception {
        int port = Loopback.freeTcpPort();
        GatewayConfig config = ConfigLoader.parse(
                """
                site: site1
                demo: true
                dataDir: %s
                archive:
                  segmentSeconds: 4
                examServer:
                  url: %s
                  token: %s
                http:
                  port: %d
                detection:
                  enabled: false
                rooms:
                  - id: %s
                    name: 第1理论考场
                    sources:
                      - {id: cam1, type: udp-ts, url: "udp://127.0.0.1:%d"}
                """.formatted(dir, examServer.url(), examServer.gatewayToken(), port, ROOM, Loopback.freeUdpPort()),
                Map.of());
        gateway = Gateway.start(config, Clock.systemUTC());
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (get(base + "/live/" + ROOM, null).statusCode() != 401) {
            assertThat(System.nanoTime())
                    .as("the gateway fetches the ticket key within 30 s")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
        return base;
    }

    private static String playlist(String base, Instant from) {
        return base + "/playback/" + ROOM + "/cam1.m3u8?from=" + from + "&to=" + from.plusSeconds(20);
    }

    private WebClientSession signedIn(String username, String password) throws Exception {
        WebClientSession session = WebClientSession.create(WebClient.create(vertx));
        JsonObject answer = send(
                        session.postAbs(examServer.url() + "/api/auth/login"),
                        new JsonObject().put("username", username).put("password", password))
                .bodyAsJsonObject();
        session.addHeader("X-CSRF-Token", answer.getString("csrfToken"));
        return session;
    }

    private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) throws Exception {
        HttpResponse<Buffer> response = (body == null ? request.send() : request.sendJsonObject(body))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response;
    }

    private HttpResponse<Buffer> get(String url, String ticket) throws Exception {
        HttpRequest<Buffer> request = http.getAbs(url);
        if (ticket != null) {
            request.putHeader(TicketGuard.HEADER, ticket);
        }
        return request.send().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static void assertRefused(HttpResponse<Buffer> response, String code) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(403);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
    }

    /** One number from exam-server's database. */
    private long number(String sql, Object... params) throws Exception {
        return examServer
                .pool()
                .preparedQuery(sql)
                .execute(Tuple.from(params))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getLong(0);
    }
}
