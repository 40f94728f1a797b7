package org.examhall.server.audit;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A witness of the chain's head kept outside the database: a node appends the newest chained
 * entry's sequence number and hash to a file of its own. Someone who can rewrite the database but
 * not this file cannot delete the newest entries, or re-chain them, unnoticed: the verifier finds
 * the anchored entry gone or different. One JSON object a line; a torn last line is ignored.
 */
public final class AuditAnchors {

    /** The head of the chain as it stood at {@code at}. */
    public record Anchor(long seq, String hash, Instant at) {}

    private static final int TAIL_BYTES = 4096;

    private final Path file;

    public AuditAnchors(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Blocking: appends the head and forces it to disk. */
    public synchronized void append(long seq, String hash) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String line = new JsonObject()
                        .put("seq", seq)
                        .put("hash", hash)
                        .put("at", Instant.now().toString())
                        .encode() + "\n";
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    /** Blocking: the newest anchor written, if any (read from the end: the file only grows). */
    public synchronized Optional<Anchor> latest() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int tail = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(tail);
            channel.read(buffer, size - tail);
            String[] lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                // A line cut short by a crash while it was written (or cut by the tail read): an earlier one stands.
                Optional<Anchor> anchor = parse(lines[i]);
                if (anchor.isPresent()) {
                    return anchor;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Blocking: every anchor written, oldest first, lines torn by a crash left out. A restore to an earlier time
     * leaves lines whose entries the restored chain no longer has, or has with other hashes; checking them all
     * tells so even when the newest line, written after the restore, matches.
     */
    public synchronized List<Anchor> all() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Anchor> anchors = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(line -> parse(line).ifPresent(anchors::add));
        }
        return anchors;
    }

    private static Optional<Anchor> parse(String line) {
        try {
            JsonObject json = new JsonObject(line);
            return Optional.of(
                    new Anchor(json.getLong("seq"), json.getString("hash"), Instant.parse(json.getString("at"))));
        } catch (RuntimeException torn) {
            return Optional.empty();
        }
    }
}
