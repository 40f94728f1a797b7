package org.examhall.proctor.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.examhall.protocol.crypto.Sm3;

/**
 * An append-only file of JSON lines, each carrying its number ({@code seq}), the hash of the line before
 * ({@code prev}, the first line a genesis hash) and its own SM3 ({@code hash}); the format of manifests and
 * day indexes. Each line is forced to disk as it is written, so a crash can at worst tear the last one:
 * opening cuts it off and offers a {@code recovery} entry that records it.
 */
final class ChainedFile implements AutoCloseable {

    private final Path file;
    private final Clock clock;
    private final FileChannel channel;
    private final String torn;
    private String lastHash;
    private String lastType;
    private long seq;

    ChainedFile(Path file, String genesis, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        this.lastHash = genesis;
        Files.createDirectories(file.toAbsolutePath().getParent());
        String content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        int end = content.lastIndexOf('\n') + 1;
        this.torn = end < content.length() ? content.substring(end) : null;
        if (torn != null) {
            try (FileChannel truncate = FileChannel.open(file, StandardOpenOption.WRITE)) {
                truncate.truncate(content.substring(0, end).getBytes(StandardCharsets.UTF_8).length);
            }
        }
        String complete = content.substring(0, end).stripTrailing();
        if (!complete.isEmpty()) {
            ManifestLine last = ManifestLine.parse(complete.substring(complete.lastIndexOf('\n') + 1));
            lastHash = last.hash();
            lastType = last.type();
            seq = last.seq();
        }
        this.channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** A new entry of the type, numbered and linked to the last line; the caller adds its fields and writes it. */
    ObjectNode entry(String type) {
        ObjectNode entry = ManifestLine.JSON.createObjectNode();
        entry.put("seq", seq + 1);
        entry.put("type", type);
        entry.put("at", clock.instant().toString());
        entry.put("prev", lastHash);
        return entry;
    }

    /** The entry recording the line a crash tore, or null when the file was whole. */
    ObjectNode tornLineRecovery() {
        if (torn == null) {
            return null;
        }
        ObjectNode entry = entry("recovery");
        entry.put("detail", "a line torn by a crash was cut off");
        entry.put("tornSm3", Sm3.hex(torn));
        entry.put("tornBytes", torn.getBytes(StandardCharsets.UTF_8).length);
        return entry;
    }

    void write(ObjectNode entry) {
        ManifestLine line = ManifestLine.seal(entry);
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line.text() + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        lastHash = line.hash();
        lastType = line.type();
        seq = line.seq();
    }

    long seq() {
        return seq;
    }

    String lastHash() {
        return lastHash;
    }

    /** The type of the last line, null for an empty file. */
    String lastType() {
        return lastType;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
