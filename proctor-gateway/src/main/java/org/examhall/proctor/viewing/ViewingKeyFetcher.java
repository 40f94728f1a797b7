package org.examhall.proctor.viewing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.util.function.Supplier;
import org.examhall.proctor.config.ExamServerSettings;
import org.examhall.proctor.log.LogEvent;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.protocol.retry.Backoff;

/**
 * Asks exam-server once, at start, for the key that verifies viewing tickets:
 * {@code GET {url}/api/gateway/viewing-key} with the gateway's bearer token. Fetched rather than configured
 * so that a site provisions nothing beyond the token it already has; retried (1 s doubling to 60 s) until
 * exam-server answers, while recording goes on and viewing is refused. A rotated bureau key needs a
 * gateway restart.
 */
public final class ViewingKeyFetcher implements Supplier<ViewingKey> {

    private static final System.Logger LOG = System.getLogger(ViewingKeyFetcher.class.getName());
    static final String PATH = "/api/gateway/viewing-key";
    private static final int TIMEOUT_MILLIS = 10_000;

    private final Vertx vertx;
    private final WebClient client;
    private final String endpoint;
    private final String token;
    private final Backoff backoff = Backoff.doubling(1000, 60_000);
    private int attempts;
    private volatile ViewingKey key;
    private volatile boolean closed;

    public ViewingKeyFetcher(Vertx vertx, ExamServerSettings settings) {
        this.vertx = vertx;
        this.client = WebClient.create(vertx);
        this.endpoint = settings.url().replaceAll("/+$", "") + PATH;
        this.token = settings.token();
        vertx.runOnContext(v -> fetch());
    }

    /** The key once exam-server has given it; null until then. */
    @Override
    public ViewingKey get() {
        return key;
    }

    private void fetch() {
        if (closed) {
            return;
        }
        client.getAbs(endpoint)
                .putHeader("Authorization", "Bearer " + token)
                .timeout(TIMEOUT_MILLIS)
                .send()
                .onComplete(result -> {
                    String problem;
                    if (result.failed()) {
                        problem = result.cause().getMessage();
                    } else if (result.result().statusCode() != 200) {
                        problem = "HTTP " + result.result().statusCode();
                    } else {
                        try {
                            JsonObject body = result.result().bodyAsJsonObject();
                            key = new ViewingKey(
                                    body.getLong("gatewayId"), Sm2.publicFromPem(body.getString("publicKey")));
                            LogEvent.of("viewing_key_fetched")
                                    .with("gateway_id", key.gatewayId())
                                    .log(LOG, System.Logger.Level.INFO);
                            return;
                        } catch (RuntimeException | IOException e) {
                            problem = "unreadable answer: " + e.getMessage();
                        }
                    }
                    long delay = backoff.delayMs(++attempts);
                    LogEvent.of("viewing_key_unavailable")
                            .with("endpoint", endpoint)
                            .with("error", problem)
                            .with("retry_ms", delay)
                            .with("note_en", "live view and playback are refused until the key is known")
                            .with("note_zh", "取得密钥前拒绝实时查看和回放")
                            .log(LOG, System.Logger.Level.WARNING);
                    vertx.setTimer(delay, id -> fetch());
                });
    }

    public void close() {
        closed = true;
        client.close();
    }
}
