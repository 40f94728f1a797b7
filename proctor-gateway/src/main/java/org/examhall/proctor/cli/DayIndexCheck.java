package org.examhall.proctor.cli;

import java.io.IOException;
import java.security.PublicKey;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.examhall.proctor.archive.SegmentStore;
import org.examhall.proctor.cli.VerificationReport.Kind;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.proctor.manifest.DayIndex;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.protocol.crypto.Sm2;

/**
 * Reads and checks a room's day index (hashes, links, a valid seal after every entry) and answers what it
 * vouches for: which days were opened, how far each manifest reached at its last seal, which days retention
 * deleted. Only entries covered by a valid seal are believed; any line's hash can be looked up, so that a
 * manifest's link to the index can be checked.
 */
final class DayIndexCheck {

    /** How far a day's manifest reached when last sealed (or when retention deleted the day). */
    record Reach(long manifestSeq, String manifestHash) {}

    private final Map<Long, String> hashes = new HashMap<>();
    private final Map<LocalDate, Reach> reached = new HashMap<>();
    private final Map<LocalDate, String> deleted = new HashMap<>();
    private final List<LocalDate> opened = new ArrayList<>();
    /** Entries read since the last seal, believed once a valid seal covers them. */
    private final List<ManifestLine> awaitingSeal = new ArrayList<>();

    private final boolean present;
    private boolean batchIntact = true;
    private long lastSeq;

    DayIndexCheck(SegmentStore store, ArchiveLayout layout, String room, PublicKey key, VerificationReport report)
            throws IOException {
        String file = layout.dayIndexKey(room);
        present = store.exists(file);
        if (!present) {
            return;
        }
        String where = room + "/" + DayIndex.FILE_NAME;
        ChainWalk.walk(store, file, where, DayIndex.genesis(layout.site(), room), report, (line, at, intact) -> {
            batchIntact &= intact;
            if (line == null) {
                return;
            }
            hashes.put(line.seq(), line.hash());
            lastSeq = Math.max(lastSeq, line.seq());
            if (!"seal".equals(line.type())) {
                awaitingSeal.add(line);
                return;
            }
            report.checkedSeal();
            String text = DayIndex.sealText(layout.site(), room, line.seq(), line.prev());
            if (!Sm2.verify(key, text, line.fields().path("signature").asText())) {
                report.problem(Kind.BAD_SIGNATURE, at, "seal is not signed by the gateway key");
            } else if (batchIntact) {
                awaitingSeal.forEach(this::believe);
            }
            awaitingSeal.clear();
            batchIntact = true;
        });
        if (!awaitingSeal.isEmpty()) {
            report.note(Kind.UNSEALED, where, awaitingSeal.size() + " last entries not sealed (crash); not relied on");
        }
    }

    private void believe(ManifestLine line) {
        String day = line.fields().path("day").asText(null);
        if (day == null) {
            return;
        }
        LocalDate date = LocalDate.parse(day);
        switch (line.type()) {
            case "opened" -> opened.add(date);
            case "checkpoint" -> reached.put(date, reach(line));
            case "deleted" -> {
                reached.put(date, reach(line));
                deleted.put(
                        date,
                        line.fields().path("at").asText() + " ("
                                + line.fields().path("reason").asText() + ")");
            }
            default -> {
                // recovery entries name no day
            }
        }
    }

    private static Reach reach(ManifestLine line) {
        return new Reach(
                line.fields().path("manifestSeq").asLong(),
                line.fields().path("manifestHash").asText());
    }

    boolean present() {
        return present;
    }

    boolean opened(LocalDate day) {
        return opened.contains(day);
    }

    /** When and why retention deleted the day, or null. */
    String deleted(LocalDate day) {
        return deleted.get(day);
    }

    Reach reached(LocalDate day) {
        return reached.get(day);
    }

    /** The number of the index's last line (0 when there is none). */
    long lastSeq() {
        return lastSeq;
    }

    /** Whether the index holds an entry with this number and hash (sealed or not). */
    boolean has(long seq, String hash) {
        return hash.equals(hashes.get(seq));
    }
}
