package org.examhall.server.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.examhall.protocol.storage.FileStores;

/**
 * Free and total space of the file system holding the node's data directory (the embedded database, the key
 * files, the audit anchor), as {@code examhall_disk_free_bytes} and {@code examhall_disk_total_bytes} with the
 * directory as {@code path}. Read on a worker thread: a file system that hangs (a network mount) must not hold
 * up an event loop or a scrape.
 */
final class DiskSpace {

    private final Vertx vertx;
    private final Path directory;
    private final AtomicLong free = new AtomicLong(-1);
    private final AtomicLong total = new AtomicLong(-1);

    DiskSpace(Vertx vertx, Path directory, MeterRegistry registry) {
        this.vertx = vertx;
        this.directory = directory;
        Gauge.builder("examhall.disk.free", free, AtomicLong::get)
                .baseUnit("bytes")
                .tag("path", directory.toString())
                .description("Space left for this node's files on the file system of its data directory")
                .register(registry);
        Gauge.builder("examhall.disk.total", total, AtomicLong::get)
                .baseUnit("bytes")
                .tag("path", directory.toString())
                .description("Size of the file system holding this node's data directory")
                .register(registry);
    }

    Future<Void> refresh() {
        return vertx.executeBlocking(
                () -> {
                    try {
                        FileStore store = FileStores.holding(directory);
                        free.set(store.getUsableSpace());
                        total.set(store.getTotalSpace());
                        return null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                false);
    }
}
