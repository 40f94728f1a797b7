package org.examhall.proctor.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.examhall.protocol.crypto.Sm2;

/**
 * What the gateway needs of exam-server over real HTTP: the viewing-ticket key for its bearer token,
 * the anomaly intake and the archive-head intake. It signs viewing tickets as exam-server does, with a bureau key of its own.
 */
public final class ExamServerStandIn implements AutoCloseable {

    public static final long GATEWAY_ID = 7;

    public final List<JsonObject> anomalies = new CopyOnWriteArrayList<>();
    /** Day index heads as the gateway reported them (the real exam-server's refusals are tested against it). */
    public final List<JsonObject> heads = new CopyOnWriteArrayList<>();

    private final KeyPair bureau = Sm2.generate();
    private final HttpServer server;

    private ExamServerStandIn(Vertx vertx, String token, int port, Path dir) throws Exception {
        Path pem = dir.resolve("bureau-public.pem");
        Files.writeString(pem, Sm2.pem(bureau.getPublic()));
        JsonObject viewingKey = new JsonObject()
                .put("gatewayId", GATEWAY_ID)
                .put("algorithm", "SM3withSM2")
                .put("publicKey", Files.readString(pem));
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
                        request.response().setStatusCode(401).end();
                    } else if (request.path().equals("/api/gateway/viewing-key")) {
                        request.response()
                                .putHeader("Content-Type", "application/json")
                                .end(viewingKey.encode());
                    } else if (request.path().equals("/api/gateway/archive-heads")) {
                        heads.add(body.toJsonObject());
                        request.response().setStatusCode(201).end();
                    } else {
                        anomalies.add(body.toJsonObject());
                        request.response().setStatusCode(204).end();
                    }
                }))
                .listen(port)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** @param port 0 for any free port */
    public static ExamServerStandIn start(Vertx vertx, String token, int port, Path dir) throws Exception {
        return new ExamServerStandIn(vertx, token, port, dir);
    }

    public int port() {
        return server.actualPort();
    }

    /** A ticket to watch the room live, as exam-server issues it to a proctor of a running session. */
    public String liveTicket(String room, Instant expires) {
        return ticket(bureau.getPrivate(), GATEWAY_ID, room, expires, live());
    }

    /** A ticket to play back the room's recording between {@code from} and {@code to}. */
    public String playbackTicket(String room, Instant from, Instant to, Instant expires) {
        return ticket(
                bureau.getPrivate(),
                GATEWAY_ID,
                room,
                expires,
                new JsonObject()
                        .put("purpose", "playback")
                        .put("from", from.getEpochSecond())
                        .put("to", to.getEpochSecond()));
    }

    /** A live ticket signed by the same bureau for another gateway. */
    public String liveTicketForGateway(long gatewayId, String room, Instant expires) {
        return ticket(bureau.getPrivate(), gatewayId, room, expires, live());
    }

    /** A ticket of the first format, which granted the room's whole archive and named no purpose. */
    public String unscopedTicket(String room, Instant expires) {
        return sign(
                bureau.getPrivate(),
                new JsonObject()
                        .put("v", 1)
                        .put("gateway", GATEWAY_ID)
                        .put("camera", room)
                        .put("staff", 12)
                        .put("exp", expires.getEpochSecond()));
    }

    public static JsonObject live() {
        return new JsonObject().put("purpose", "live");
    }

    public static String ticket(PrivateKey key, long gatewayId, String room, Instant expires, JsonObject scope) {
        return sign(
                key,
                new JsonObject()
                        .put("v", 2)
                        .put("gateway", gatewayId)
                        .put("camera", room)
                        .put("staff", 12)
                        .put("exp", expires.getEpochSecond())
                        .mergeIn(scope));
    }

    private static String sign(PrivateKey key, JsonObject fields) {
        String payload = base64Url(fields.encode().getBytes(StandardCharsets.UTF_8));
        String signature = Sm2.sign(key, "examhall-viewing-ticket|" + payload);
        return payload + "." + base64Url(Base64.getDecoder().decode(signature));
    }

    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() throws IOException {
        server.close().toCompletionStage().toCompletableFuture().join();
    }
}
