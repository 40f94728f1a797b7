package org.examhall.proctor.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.protocol.crypto.Sm3;

/**
 * The append-only manifest of one room and one day: every segment, gap and deletion, each line chained to
 * the one before by its SM3 hash, and each closed hour sealed with an SM2 signature. Lines are forced to
 * disk as they are written, so a crash can at worst tear the last line, which the next open detects,
 * cuts off and records. Every seal is reported to a {@link SealListener} (the room's day index).
 */
public final class ManifestLog implements AutoCloseable {

    public static final String FILE_NAME = "manifest.jsonl";

    private final String site;
    private final String room;
    private final LocalDate day;
    private final ZoneId zone;
    private final PrivateKey signingKey;
    private final Clock clock;
    private final SealListener sealed;
    private final ChainedFile out;
    /** The hour in which the oldest unsealed entry was written, or null when everything is sealed. */
    private LocalDateTime openHour;

    public ManifestLog(
            Path file,
            String site,
            String room,
            LocalDate day,
            ZoneId zone,
            PrivateKey signingKey,
            Clock clock,
            SealListener sealed)
            throws IOException {
        this.site = site;
        this.room = room;
        this.day = day;
        this.zone = zone;
        this.signingKey = signingKey;
        this.clock = clock;
        this.sealed = sealed;
        this.out = new ChainedFile(file, genesis(site, room, day), clock);
        if (out.lastType() != null && !"seal".equals(out.lastType())) {
            // Written before the restart and never sealed: seal it with the next closed hour.
            openHour = LocalDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.HOURS);
        }
        sealIfHourClosed();
        ObjectNode recovery = out.tornLineRecovery();
        if (recovery != null) {
            append(recovery);
        }
    }

    /** Told of every seal, so that the room's {@link DayIndex} can vouch for how far the manifest reached. */
    @FunctionalInterface
    public interface SealListener {
        SealListener NONE = (day, seq, hash) -> {};

        void sealed(LocalDate day, long seq, String hash);
    }

    /** The {@code prev} of a day's first entry: binds the chain to its room and day. */
    public static String genesis(String site, String room, LocalDate day) {
        return Sm3.hex("examhall-manifest|" + site + "|" + room + "|" + day);
    }

    public synchronized void appendSegment(SegmentRecord segment) {
        sealIfHourClosed();
        ObjectNode entry = out.entry("segment");
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
        } else if (segment.interrupted()) {
            entry.put("interrupted", true);
            entry.put("detail", segment.detail());
        }
        append(entry);
    }

    public synchronized void appendGap(String camera, Instant from, Instant to, String reason) {
        sealIfHourClosed();
        ObjectNode entry = out.entry("gap");
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
        ObjectNode entry = out.entry("deletion");
        entry.put("path", path);
        entry.put("sm3", sm3);
        entry.put("reason", reason);
        append(entry);
    }

    /** Seals the open hour once the clock has moved past it. Called by a timer and before every append. */
    public synchronized void sealIfHourClosed() {
        if (openHour != null
                && LocalDateTime.now(clock.withZone(zone))
                        .truncatedTo(ChronoUnit.HOURS)
                        .isAfter(openHour)) {
            seal();
        }
    }

    /** Signs everything written so far. */
    public synchronized void seal() {
        if (openHour == null) {
            return;
        }
        ObjectNode entry = out.entry("seal");
        entry.put("hour", openHour.toString());
        entry.put(
                "signature",
                Sm2.sign(
                        signingKey,
                        SealSignature.signedText(
                                site, room, day.toString(), entry.get("seq").asLong(), out.lastHash())));
        out.write(entry);
        openHour = null;
        sealed.sealed(day, out.seq(), out.lastHash());
    }

    /**
     * Links this manifest to the entry of the room's {@link DayIndex} that lists the day, so that a day index
     * cut short or replaced is caught by the manifests written after it.
     */
    public synchronized void appendIndexed(long indexSeq, String indexHash) {
        sealIfHourClosed();
        ObjectNode entry = out.entry("indexed");
        entry.put("dayIndexSeq", indexSeq);
        entry.put("dayIndexHash", indexHash);
        append(entry);
    }

    /** The number of the last entry written. */
    public synchronized long seq() {
        return out.seq();
    }

    /** The hash of the last entry written. */
    public synchronized String lastHash() {
        return out.lastHash();
    }

    public Path file() {
        return out.file();
    }

    /** Writes an entry made after {@link #sealIfHourClosed()}, so it links to the seal if one was due. */
    private void append(ObjectNode entry) {
        out.write(entry);
        if (openHour == null) {
            openHour = LocalDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.HOURS);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        seal();
        out.close();
    }
}
