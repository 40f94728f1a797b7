package org.examhall.proctor.report;

import io.vertx.core.json.JsonObject;
import org.examhall.proctor.detect.Anomaly;

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
 * Anomalies not yet acknowledged by exam-server, kept on disk so none is lost to a network outage or a
 * restart. Each anomaly id has one pending state, the latest: an "ended" report supersedes the unsent
 * "started" one, so a late retry can never reopen a closed anomaly. The file is a journal of puts and
 * acks, fsynced per line and compacted to the pending states when the gateway starts.
 */
public final class Outbox implements AutoCloseable {

    /** A pending delivery; {@code version} tells a stale acknowledgement from a current one. */
    public record Pending(Anomaly anomaly, long version) {
    }

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
                Anomaly anomaly = AnomalyJson.fromJson(entry.getJsonObject("anomaly"));
                pending.put(anomaly.id(), new Pending(anomaly, v));
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

    /** Durably queues the anomaly's latest state; returns once it is on disk. */
    public synchronized Pending put(Anomaly anomaly) {
        Pending p = new Pending(anomaly, ++version);
        append(put(p));
        pending.remove(anomaly.id());
        pending.put(anomaly.id(), p);
        return p;
    }

    /** Marks a delivery acknowledged, unless a newer state of the same anomaly has been queued since. */
    public synchronized void ack(Pending delivered) {
        Pending current = pending.get(delivered.anomaly().id());
        if (current != null && current.version() == delivered.version()) {
            append(new JsonObject().put("op", "ack").put("id", delivered.anomaly().id()).put("version", delivered.version()).encode());
            pending.remove(delivered.anomaly().id());
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
        return new JsonObject().put("op", "put").put("version", p.version()).put("anomaly", AnomalyJson.toJson(p.anomaly())).encode();
    }

    private void append(String line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                journal.write(bytes);
            }
            journal.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write anomaly outbox " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }
}
