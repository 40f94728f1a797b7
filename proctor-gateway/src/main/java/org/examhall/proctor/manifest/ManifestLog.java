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
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The append-only manifest of one room and one day: every segment, gap and deletion, each line chained to
 * the one before by its SM3 hash, and each closed hour sealed with an SM2 signature. Lines are forced to
 * disk as they are written, so a crash can at worst tear the last line, which the next open detects,
 * cuts off and records.
 */
public final class ManifestLog implements AutoCloseable {

    public static final String FILE_NAME = "manifest.jsonl";

    private final Path file;
    private final String site;
    private final String room;
    private final LocalDate day;
    private final ZoneId zone;
    private final PrivateKey signingKey;
    private final Clock clock;
    private final FileChannel channel;
    private String lastHash;
    private long seq;
    /** The hour in which the oldest unsealed entry was written, or null when everything is sealed. */
    private LocalDateTime openHour;

    public ManifestLog(Path file, String site, String room, LocalDate day, ZoneId zone, PrivateKey signingKey, Clock clock)
            throws IOException {
        this.file = file;
        this.site = site;
        this.room = room;
        this.day = day;
        this.zone = zone;
        this.signingKey = signingKey;
        this.clock = clock;
        Files.createDirectories(file.getParent());
        this.lastHash = genesis(site, room, day);
        String torn = loadTail();
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (torn != null) {
            sealIfHourClosed();
            ObjectNode entry = entry("recovery");
            entry.put("detail", "a line torn by a crash was cut off");
            entry.put("tornSm3", Sm3.hex(torn));
            entry.put("tornBytes", torn.getBytes(StandardCharsets.UTF_8).length);
            append(entry);
        }
    }

    /** The {@code prev} of a day's first entry: binds the chain to its room and day. */
    public static String genesis(String site, String room, LocalDate day) {
        return Sm3.hex("examhall-manifest|" + site + "|" + room + "|" + day);
    }

    private String loadTail() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        String content = new String(bytes, StandardCharsets.UTF_8);
        int end = content.lastIndexOf('\n') + 1;
        String torn = end < content.length() ? content.substring(end) : null;
        if (torn != null) {
            try (FileChannel truncate = FileChannel.open(file, StandardOpenOption.WRITE)) {
                truncate.truncate(content.substring(0, end).getBytes(StandardCharsets.UTF_8).length);
            }
        }
        List<String> lines = content.substring(0, end).lines().filter(l -> !l.isBlank()).toList();
        if (!lines.isEmpty()) {
            ManifestLine last = ManifestLine.parse(lines.get(lines.size() - 1));
            lastHash = last.hash();
            seq = last.seq();
            if (!"seal".equals(last.type())) {
                // Written before the restart and never sealed: seal it with the next closed hour.
                openHour = LocalDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.HOURS);
            }
        }
        return torn;
    }

    public synchronized void appendSegment(SegmentRecord segment) {
        sealIfHourClosed();
        ObjectNode entry = entry("segment");
        entry.put("camera", segment.camera());
        entry.put("path", segment.path());
        entry.put("start", segment.start().toString());
        entry.put("end", segment.end().toString());
        entry.put("durationMs", Duration.between(segment.start(), segment.end()).toMillis());
        entry.put("bytes", segment.bytes());
        entry.put("sm3", segment.sm3());
        if (segment.recovered()) {
            entry.put("recovered", true);
            entry.put("detail", segment.detail());
        }
        append(entry);
    }

    public synchronized void appendGap(String camera, Instant from, Instant to, String reason) {
        sealIfHourClosed();
        ObjectNode entry = entry("gap");
        entry.put("camera", camera);
        entry.put("from", from.toString());
        entry.put("to", to.toString());
        entry.put("durationMs", Duration.between(from, to).toMillis());
        entry.put("reason", reason);
        append(entry);
    }

    /** Records that a segment's file was removed; the file's hash stays in the chain for ever. Seal after a batch. */
    public synchronized void appendDeletion(String path, String sm3, String reason) {
        sealIfHourClosed();
        ObjectNode entry = entry("deletion");
        entry.put("path", path);
        entry.put("sm3", sm3);
        entry.put("reason", reason);
        append(entry);
    }

    /** Seals the open hour once the clock has moved past it. Called by a timer and before every append. */
    public synchronized void sealIfHourClosed() {
        if (openHour != null && LocalDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.HOURS).isAfter(openHour)) {
            seal();
        }
    }

    /** Signs everything written so far. */
    public synchronized void seal() {
        if (openHour == null) {
            return;
        }
        ObjectNode entry = entry("seal");
        entry.put("hour", openHour.toString());
        entry.put("signature", SealSignature.sign(signingKey,
                SealSignature.signedText(site, room, day.toString(), entry.get("seq").asLong(), lastHash)));
        write(entry);
        openHour = null;
    }

    public Path file() {
        return file;
    }

    /** Writes an entry made after {@link #sealIfHourClosed()}, so it links to the seal if one was due. */
    private void append(ObjectNode entry) {
        write(entry);
        if (openHour == null) {
            openHour = LocalDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.HOURS);
        }
    }

    private ObjectNode entry(String type) {
        ObjectNode entry = ManifestLine.JSON.createObjectNode();
        entry.put("seq", seq + 1);
        entry.put("type", type);
        entry.put("at", clock.instant().toString());
        entry.put("prev", lastHash);
        return entry;
    }

    private void write(ObjectNode entry) {
        ManifestLine line = ManifestLine.seal(entry);
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line.text() + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to manifest " + file, e);
        }
        lastHash = line.hash();
        seq = line.seq();
    }

    @Override
    public synchronized void close() throws IOException {
        seal();
        channel.close();
    }
}
