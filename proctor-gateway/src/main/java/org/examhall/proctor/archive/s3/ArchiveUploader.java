package org.examhall.proctor.archive.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.examhall.proctor.archive.UploadBacklog;
import org.examhall.proctor.log.LogEvent;
import org.examhall.protocol.retry.Backoff;

/**
 * Copies committed archive files to the bucket on its own thread, oldest first, and keeps each one on local
 * disk until the store confirms it: the upload is followed by a HEAD whose size and SM3 metadata must match
 * what was sent. Only then is a segment's local file deleted (a manifest or day index stays: the gateway
 * keeps appending to it). While the store fails, the files wait and the next try follows by {@link Backoff};
 * a file the store already holds with the same SM3 is not sent again.
 */
final class ArchiveUploader implements UploadBacklog, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ArchiveUploader.class.getName());

    /** How a file is kept once in the store, decided when it is sent. */
    @FunctionalInterface
    interface KeepingPolicy {
        S3Bucket.Keeping keeping(String key, Instant now);
    }

    private record Waiting(Instant since, long bytes) {}

    private final Path root;
    private final S3Bucket bucket;
    private final KeepingPolicy keeping;
    private final Backoff backoff;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "archive-uploader");
        t.setDaemon(true);
        return t;
    });
    /** Guarded by itself; in the order the files were committed. */
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();

    private final AtomicLong failures = new AtomicLong();
    private int attempt;
    private boolean drainScheduled;

    ArchiveUploader(Path root, S3Bucket bucket, KeepingPolicy keeping, Backoff backoff, Clock clock) {
        this.root = root;
        this.bucket = bucket;
        this.keeping = keeping;
        this.backoff = backoff;
        this.clock = clock;
        // At shutdown a retry still waiting for its time is dropped: its files stay on disk for the next start.
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Queues the file under {@code key} (relative to the archive root); a file already waiting keeps its place. */
    void enqueue(String key, Instant since) {
        long bytes;
        try {
            bytes = Files.size(root.resolve(key));
        } catch (IOException e) {
            bytes = 0;
        }
        synchronized (waiting) {
            waiting.putIfAbsent(key, new Waiting(since, bytes));
            if (drainScheduled) {
                return;
            }
            drainScheduled = true;
        }
        run(this::drain, 0);
    }

    /** Runs the task after the delay unless the uploader is closing, when the files wait for the next start. */
    private void run(Runnable task, long delayMs) {
        try {
            worker.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            LogEvent.of("archive_upload_deferred")
                    .with("backlog_segments", figures().segments())
                    .log(LOG, System.Logger.Level.INFO);
        }
    }

    boolean waiting(String key) {
        synchronized (waiting) {
            return waiting.containsKey(key);
        }
    }

    private void drain() {
        while (true) {
            String key;
            synchronized (waiting) {
                if (waiting.isEmpty()) {
                    drainScheduled = false;
                    return;
                }
                key = waiting.keySet().iterator().next();
            }
            try {
                upload(key);
                attempt = 0;
            } catch (IOException | RuntimeException e) {
                failures.incrementAndGet();
                attempt++;
                long delay = backoff.delayMs(attempt);
                LogEvent.of("archive_upload_failed")
                        .with("key", key)
                        .with("attempt", attempt)
                        .with("retry_in_ms", delay)
                        .with("backlog_segments", figures().segments())
                        .with("error", e.getMessage())
                        .with("note_zh", "对象存储不可用，录像保留在本地，稍后重试")
                        .with("note_en", "the object store failed; the files stay on local disk and are retried")
                        .log(LOG, attempt == 1 ? System.Logger.Level.ERROR : System.Logger.Level.WARNING);
                run(this::drain, delay);
                return;
            }
            synchronized (waiting) {
                waiting.remove(key);
            }
        }
    }

    private void upload(String key) throws IOException {
        Path file = root.resolve(key);
        boolean segment = S3SegmentStore.isSegment(key);
        byte[] snapshot = null;
        Digests digests;
        try {
            if (segment) {
                digests = Digests.of(file);
            } else {
                // A manifest grows while it is sent: send the bytes read once, and their digests.
                snapshot = Files.readAllBytes(file);
                digests = Digests.of(snapshot);
            }
        } catch (NoSuchFileException e) {
            // Retention retired the day (or the segment went) before it could be sent: nothing left to keep.
            return;
        }
        if (!stored(key, digests)) {
            S3Bucket.Keeping keep = keeping.keeping(key, clock.instant());
            if (segment) {
                bucket.put(key, file, digests, keep);
            } else {
                bucket.put(key, snapshot, digests, keep);
            }
            if (!stored(key, digests)) {
                throw new IOException("the store does not hold " + key + " as sent (size or SM3 differs)");
            }
        }
        if (segment) {
            Files.delete(file);
        }
    }

    private boolean stored(String key, Digests digests) throws IOException {
        Optional<S3Bucket.Stored> stored = bucket.head(key);
        return stored.isPresent()
                && stored.get().bytes() == digests.bytes()
                && digests.sm3().equals(stored.get().sm3());
    }

    @Override
    public Figures figures() {
        Instant now = clock.instant();
        synchronized (waiting) {
            long segments = 0;
            long bytes = 0;
            Instant oldest = null;
            for (Map.Entry<String, Waiting> w : waiting.entrySet()) {
                if (S3SegmentStore.isSegment(w.getKey())) {
                    segments++;
                    bytes += w.getValue().bytes();
                }
                Instant since = w.getValue().since();
                oldest = oldest == null || since.isBefore(oldest) ? since : oldest;
            }
            long age = oldest == null
                    ? 0
                    : Math.max(0, Duration.between(oldest, now).toSeconds());
            return new Figures(segments, bytes, failures.get(), age);
        }
    }

    /** Gives the queue until {@code grace} to empty; what is left stays on disk for the next start. */
    void close(Duration grace) {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
