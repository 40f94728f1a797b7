package org.examhall.proctor.viewing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.examhall.proctor.Gateway;
import org.examhall.proctor.config.ConfigLoader;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.proctor.testing.ExamServerStandIn;
import org.examhall.proctor.testing.Loopback;
import org.examhall.protocol.crypto.Sm2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every path that shows a room's picture or sound, over real HTTP, refuses a request without a valid
 * viewing ticket for that room, this gateway and that purpose (live or playback), refuses playback outside
 * the ticket's time range, and lets the right ticket through. The gateway fetches the
 * ticket key from exam-server at start and keeps asking until it gets it.
 */
class ViewingTicketAccessTest {

    private static final String TOKEN = "gateway-test-token";
    private static final String DAY = "2026-03-02";

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final WebClient http = WebClient.create(vertx);
    private Gateway gateway;
    private String base;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void mediaNeedsAValidTicketForThatRoomOnThisGateway() throws Exception {
        int examServerPort = Loopback.freeTcpPort();
        startGateway(examServerPort);
        // exam-server is not up yet: nobody can be let in, and the gateway says why.
        assertRefused(get("/live/room1", null), 503, "tickets_not_ready");

        try (ExamServerStandIn examServer = ExamServerStandIn.start(vertx, TOKEN, examServerPort, dir)) {
            awaitStatus("/live/room1", 401, Duration.ofSeconds(15));
            Instant inTenMinutes = Instant.now().plus(Duration.ofMinutes(10));
            String room1 = examServer.liveTicket("room1", inTenMinutes);
            // The window of a session in room1 on the morning of DAY (site time 09:00–10:00).
            String session = examServer.playbackTicket(
                    "room1",
                    Instant.parse("2026-03-02T01:00:00Z"),
                    Instant.parse("2026-03-02T02:00:00Z"),
                    inTenMinutes);

            List<String> live = List.of("/live/room1", "/live/room1/cam1/index.m3u8", "/live/room1/cam1/seg-1.ts");
            List<String> playback = List.of(
                    "/play/room1?camera=cam1&from=2026-03-02T01:00:00Z&to=2026-03-02T01:10:00Z",
                    "/playback/room1/cam1.m3u8?from=2026-03-02T01:00:00Z&to=2026-03-02T01:10:00Z",
                    "/archive/room1/" + DAY + "/09/cam1_20260302T090000000.ts");
            for (String path : live) {
                assertRefusedEverywhereButWith(path, room1, session);
            }
            for (String path : playback) {
                assertRefusedEverywhereButWith(path, session, room1);
            }

            // The session's ticket opens that hour of the room's archive, not the rest of its three years.
            List<String> outside = List.of(
                    "/play/room1?camera=cam1&from=2026-03-02T02:00:00Z&to=2026-03-02T02:10:00Z",
                    "/playback/room1/cam1.m3u8?from=2026-03-02T00:30:00Z&to=2026-03-02T01:10:00Z",
                    "/playback/room1/cam1.m3u8?from=2026-03-01T01:00:00Z&to=2026-03-01T01:10:00Z",
                    "/archive/room1/" + DAY + "/10/cam1_20260302T100500000.ts",
                    "/archive/room1/2025-03-02/09/cam1_20250302T090000000.ts");
            for (String path : outside) {
                assertRefused(get(path, session), 403, "ticket_outside_range");
            }
            // The segment that was being recorded when the window opened is part of it.
            assertThat(get("/archive/room1/" + DAY + "/08/cam1_20260302T085959000.ts", session)
                            .statusCode())
                    .isEqualTo(404);
            // A ticket of the first format named no purpose or range: it is no longer honoured anywhere.
            String unscoped = examServer.unscopedTicket("room1", inTenMinutes);
            assertRefused(get("/live/room1", unscoped), 401, "ticket_invalid");
            assertRefused(get(playback.get(1), unscoped), 401, "ticket_invalid");

            HttpResponse<Buffer> page = http.getAbs(base + "/live/room1?camera=cam1&ticket=" + room1)
                    .send()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.bodyAsString())
                    .contains("data-ticket=\"" + room1 + "\"")
                    .contains("X-Viewing-Ticket");

            // Expired beyond the allowance for the two machines' clocks: refused; just expired: still honoured.
            assertRefused(
                    get(
                            "/live/room1",
                            examServer.liveTicket(
                                    "room1",
                                    Instant.now().minus(TicketGuard.CLOCK_SKEW).minusSeconds(2))),
                    401,
                    "ticket_expired");
            assertThat(get(
                                    "/live/room1",
                                    examServer.liveTicket("room1", Instant.now().minusSeconds(5)))
                            .statusCode())
                    .isEqualTo(200);
            assertRefused(
                    get(
                            "/live/room1",
                            ExamServerStandIn.ticket(
                                    Sm2.generate().getPrivate(),
                                    ExamServerStandIn.GATEWAY_ID,
                                    "room1",
                                    inTenMinutes,
                                    ExamServerStandIn.live())),
                    401,
                    "ticket_invalid");
            assertRefused(
                    get("/live/room1", alteredRoom(examServer.liveTicket("room2", inTenMinutes), "room1")),
                    401,
                    "ticket_invalid");
            assertRefused(get("/live/room1", "not-a-ticket"), 401, "ticket_invalid");

            // Clips leave the gateway only for exam-server.
            assertRefused(get("/clips/00000000-0000-0000-0000-000000000000.ts", room1), 401, "unauthorized");
        }
    }

    @Test
    void aTicketForTheSameRoomNameOnAnotherGatewayIsRefused() throws Exception {
        try (ExamServerStandIn examServer = ExamServerStandIn.start(vertx, TOKEN, 0, dir)) {
            startGateway(examServer.port());
            awaitStatus("/live/room1", 401, Duration.ofSeconds(15));
            Instant later = Instant.now().plusSeconds(600);
            assertThat(get("/live/room1", examServer.liveTicket("room1", later)).statusCode())
                    .isEqualTo(200);
            // Signed by the same bureau, for another site's gateway whose room is also called room1.
            String elsewhere = examServer.liveTicketForGateway(ExamServerStandIn.GATEWAY_ID + 1, "room1", later);
            assertRefused(get("/live/room1", elsewhere), 403, "ticket_wrong_room");
        }
    }

    /**
     * Without a ticket, with a forged one, with one for another room or for the other purpose, {@code path}
     * is refused; with {@code ticket} it is not.
     */
    private void assertRefusedEverywhereButWith(String path, String ticket, String otherPurpose) throws Exception {
        assertRefused(get(path, null), 401, "ticket_required");
        assertRefused(get(path, ticket.substring(0, ticket.length() - 4) + "AAAA"), 401, "ticket_invalid");
        assertRefused(get(path.replace("room1", "room2"), ticket), 403, "ticket_wrong_room");
        assertRefused(get(path, otherPurpose), 403, "ticket_wrong_purpose");
        assertThat(get(path, ticket).statusCode())
                .as("a valid ticket passes %s", path)
                .isNotIn(401, 403, 503);
    }

    /** The payload rewritten to name another room, the signature kept. */
    private static String alteredRoom(String ticket, String room) {
        int dot = ticket.indexOf('.');
        JsonObject fields = new JsonObject(
                new String(Base64.getUrlDecoder().decode(ticket.substring(0, dot)), StandardCharsets.UTF_8));
        return ExamServerStandIn.base64Url(fields.put("camera", room).encode().getBytes(StandardCharsets.UTF_8))
                + ticket.substring(dot);
    }

    private void startGateway(int examServerPort) throws Exception {
        int httpPort = Loopback.freeTcpPort();
        base = "http://127.0.0.1:" + httpPort;
        GatewayConfig config = ConfigLoader.parse(
                """
                site: site1
                demo: true
                dataDir: %s
                examServer:
                  url: http://127.0.0.1:%d
                  token: %s
                http:
                  port: %d
                detection:
                  enabled: false
                rooms:
                  - id: room1
                    name: 第一考场
                    sources:
                      - {id: cam1, type: udp-ts, url: "udp://127.0.0.1:%d"}
                  - id: room2
                    name: 第二考场
                    sources:
                      - {id: cam1, type: udp-ts, url: "udp://127.0.0.1:%d"}
                """.formatted(dir, examServerPort, TOKEN, httpPort, Loopback.freeUdpPort(), Loopback.freeUdpPort()),
                Map.of());
        gateway = Gateway.start(config, Clock.systemUTC());
    }

    private HttpResponse<Buffer> get(String path, String ticket) throws Exception {
        HttpRequest<Buffer> request = http.getAbs(base + path);
        if (ticket != null) {
            request.putHeader(TicketGuard.HEADER, ticket);
        }
        return request.send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void awaitStatus(String path, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (get(path, null).statusCode() != status) {
            if (System.nanoTime() > deadline) {
                fail(path + " did not answer " + status + " within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static void assertRefused(HttpResponse<Buffer> response, int status, String code) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("code")).isEqualTo(code);
        assertThat(body.getJsonObject("message").getString("zh")).isNotBlank();
        assertThat(body.getJsonObject("message").getString("en")).isNotBlank();
    }
}
