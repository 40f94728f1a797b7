package org.examhall.proctor.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports not yet acknowledged by exam-server, kept on disk so none is lost to a network outage or a
 * restart. Each key (an anomaly's id, a room's day index) has one pending report, the latest: an "ended"
 * anomaly supersedes the unsent "started" one, a newer index head the older one, so a late retry can never
 * step the server back. The file is a journal of puts and acks, fsynced per line and compacted to the
 * pending reports when the gateway starts.
 */
public final class Outbox implements AutoCloseable {

    /** A pending delivery; {@code version} tells a stale acknowledgement from a current one. */
    public record Pending(String key, JsonObject body, long version) {}

    private final Path file;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private FileChannel journal;
    private long version;

    public Outbox(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            replay();
        }
        compact();
    }

    private void replay() throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject entry;
            try {
                entry = new JsonObject(line);
            } catch (RuntimeException e) {
                // A line torn by a crash: everything before it was fsynced, so nothing acknowledged is lost.
                continue;
            }
            long v = entry.getLong("version");
            version = Math.max(version, v);
            if ("put".equals(entry.getString("op"))) {
                // Journals written before the outbox carried other reports hold the anomaly under "anomaly".
                JsonObject body =
                        entry.containsKey("body") ? entry.getJsonObject("body") : entry.getJsonObject("anomaly");
                String key = entry.getString("id", body.getString("id"));
                pending.put(key, new Pending(key, body, v));
            } else {
                Pending p = pending.get(entry.getString("id"));
                if (p != null && p.version() == v) {
                    pending.remove(entry.getString("id"));
                }
            }
        }
    }

    private void compact() throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        for (Pending p : pending.values()) {
            text.append(put(p)).append('\n');
        }
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        journal = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Durably queues the key's latest report, replacing any unsent one; returns once it is on disk. */
    public synchronized Pending put(String key, JsonObject body) {
        Pending p = new Pending(key, body, ++version);
        append(put(p));
        pending.remove(key);
        pending.put(key, p);
        return p;
    }

    /** Marks a delivery acknowledged, unless a newer report for the same key has been queued since. */
    public synchronized void ack(Pending delivered) {
        Pending current = pending.get(delivered.key());
        if (current != null && current.version() == delivered.version()) {
            append(new JsonObject()
                    .put("op", "ack")
                    .put("id", delivered.key())
                    .put("version", delivered.version())
                    .encode());
            pending.remove(delivered.key());
        }
    }

    /** The oldest pending delivery. */
    public synchronized Optional<Pending> next() {
        return pending.values().stream().findFirst();
    }

    public synchronized List<Pending> pending() {
        return new ArrayList<>(pending.values());
    }

    private static String put(Pending p) {
        return new JsonObject()
                .put("op", "put")
                .put("version", p.version())
                .put("id", p.key())
                .put("body", p.body())
                .encode();
    }

    private void append(String line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                journal.write(bytes);
            }
            journal.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write outbox " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }
}
