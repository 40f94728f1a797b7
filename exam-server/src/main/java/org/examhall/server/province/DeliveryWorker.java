package org.examhall.server.province;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.charset.StandardCharsets;
import org.examhall.protocol.retry.Backoff;
import org.examhall.server.crypto.DataKeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per node: claims due packages from the shared outbox, sends each through the
 * {@link ProvincePlatform}, checks the signed receipt and records the outcome. It looks every poll
 * interval, at once when a publication wakes it, and again straight away while there is more.
 * Package contents are never logged; only outbox ids and idempotency keys are.
 */
final class DeliveryWorker extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Outbox outbox;
    private final ProvincePlatform platform;
    private final ProvinceKeys keys;
    private final DataKeyRing cipher;
    private final Backoff backoff;
    private final String node;
    private final int batchSize;
    private final long pollMs;
    private final long leaseMs;
    private boolean busy;
    private boolean again;
    private boolean stopped;

    DeliveryWorker(
            Outbox outbox,
            ProvincePlatform platform,
            ProvinceKeys keys,
            DataKeyRing cipher,
            Backoff backoff,
            String node,
            int batchSize,
            long pollMs,
            long leaseMs) {
        this.outbox = outbox;
        this.platform = platform;
        this.keys = keys;
        this.cipher = cipher;
        this.backoff = backoff;
        this.node = node;
        this.batchSize = batchSize;
        this.pollMs = pollMs;
        this.leaseMs = leaseMs;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(pollMs, id -> cycle());
        vertx.runOnContext(v -> cycle());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        return Future.succeededFuture();
    }

    /** From any thread: look now (a publication's packages go out without waiting for the next poll). */
    void wake() {
        if (context != null) {
            context.runOnContext(v -> cycle());
        }
    }

    private void cycle() {
        if (stopped) {
            return;
        }
        if (busy) {
            again = true;
            return;
        }
        busy = true;
        again = false;
        outbox.claim(batchSize, leaseMs, node)
                .compose(claimed -> Future.join(
                                claimed.stream().map(this::attempt).toList())
                        .map(x -> claimed.size()))
                .onComplete(done -> {
                    busy = false;
                    if (done.failed()) {
                        if (!stopped) {
                            LOG.warn(
                                    "event=province_outbox_cycle_failed node={} error={}",
                                    node,
                                    done.cause().toString());
                        }
                    } else if (done.result() == batchSize || again) {
                        vertx.runOnContext(v -> cycle());
                    }
                });
    }

    private Future<Void> attempt(Outbox.Claimed claimed) {
        Envelope envelope;
        try {
            envelope = new Envelope(
                    claimed.idempotencyKey(),
                    claimed.bureauId(),
                    claimed.keyId(),
                    new String(cipher.decrypt(claimed.packageEnc()), StandardCharsets.UTF_8),
                    claimed.signature());
        } catch (IllegalArgumentException e) {
            // The stored ciphertext was altered: nothing the platform could accept; an administrator must look.
            return outbox.rejected(
                    claimed, "PACKAGE_UNREADABLE: the stored package does not decrypt (" + e.getMessage() + ")");
        }
        return platform.deliver(envelope)
                .compose(receipt -> {
                    String problem = receipt.problem(claimed.idempotencyKey(), keys.platformKey());
                    if (problem != null) {
                        throw new PlatformException(true, "RECEIPT_INVALID: " + problem);
                    }
                    LOG.info(
                            "event=province_package_delivered outbox={} key={} attempt={} duplicate={}",
                            claimed.id(),
                            claimed.idempotencyKey(),
                            claimed.attempt(),
                            receipt.duplicate());
                    return outbox.delivered(claimed, receipt);
                })
                .recover(e -> {
                    if (stopped) {
                        // The node is going down: the lease runs out and a node sends the package again.
                        return Future.succeededFuture();
                    }
                    String error = e instanceof PlatformException ? e.getMessage() : "DELIVERY_FAILED: " + e;
                    if (e instanceof PlatformException p && !p.retryable()) {
                        LOG.warn(
                                "event=province_package_rejected outbox={} key={} attempt={} error={}",
                                claimed.id(),
                                claimed.idempotencyKey(),
                                claimed.attempt(),
                                error);
                        return outbox.rejected(claimed, error);
                    }
                    long delay = backoff.delayMs(claimed.attempt());
                    LOG.warn(
                            "event=province_package_retry outbox={} key={} attempt={} retryInMs={} error={}",
                            claimed.id(),
                            claimed.idempotencyKey(),
                            claimed.attempt(),
                            delay,
                            error);
                    return outbox.failed(claimed, error, delay);
                });
    }

    /** Claimed packages stay with this node for the longest an attempt can take, plus a margin. */
    static long lease(int connectTimeoutMs, int requestTimeoutMs) {
        return connectTimeoutMs + requestTimeoutMs + 2000L;
    }
}
