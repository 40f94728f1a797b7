package org.examhall.proctor.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.examhall.proctor.archive.LocalSegmentStore;
import org.examhall.proctor.archive.SegmentStore;
import org.examhall.proctor.cli.VerificationReport.Kind;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.proctor.manifest.DayIndex;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestLog;
import org.examhall.proctor.manifest.SealSignature;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.protocol.crypto.Sm3;

/**
 * Re-checks a room's archive for a range of days, trusting nothing but the gateway's public key: the room's
 * day index (so a day whose folder is gone, or whose manifest lost its tail, is reported, and a day retention
 * deleted is not), every manifest line's hash and its link to the line before, every seal's SM2 signature,
 * every listed segment's size and SM3, and that the day's folders hold nothing the manifest does not list.
 * With exam-server to ask, the day index is also held against the head exam-server witnessed, which is the
 * only way to see the newest days deleted together with their index entries. Everything is read through the
 * {@link SegmentStore}: the archive folder, or the object store the archive is kept in.
 */
public final class ArchiveVerifier {

    private final SegmentStore store;
    private final ArchiveLayout layout;
    private final PublicKey publicKey;
    private final HeadWitness witness;

    /** The archive folder, without exam-server: the report notes that the newest days could not be checked. */
    public ArchiveVerifier(ArchiveLayout layout, PublicKey publicKey) {
        this(new LocalSegmentStore(layout.root()), layout, publicKey, null);
    }

    /** The archive in {@code store}, without exam-server. */
    public ArchiveVerifier(SegmentStore store, ArchiveLayout layout, PublicKey publicKey) {
        this(store, layout, publicKey, null);
    }

    /** @param witness null when no exam-server is configured */
    ArchiveVerifier(SegmentStore store, ArchiveLayout layout, PublicKey publicKey, HeadWitness witness) {
        this.store = store;
        this.layout = layout;
        this.publicKey = publicKey;
        this.witness = witness;
    }

    public VerificationReport verify(String room, LocalDate from, LocalDate to) throws IOException {
        VerificationReport report = new VerificationReport();
        DayIndexCheck days = new DayIndexCheck(store, layout, room, publicKey, report);
        if (!days.present() && store.holdsAny(layout.roomKey(room))) {
            report.problem(
                    Kind.MISSING,
                    room + "/" + DayIndex.FILE_NAME,
                    "the room's day index is gone: missing days cannot be told");
        }
        checkWitnessed(report, room, days);
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            String manifest = layout.manifestKey(room, day);
            String where = room + "/" + day;
            if (days.deleted(day) != null) {
                report.note(Kind.DELETED, where, "deleted by retention at " + days.deleted(day));
                extraFiles(report, room, day, Map.of(), Map.of());
                continue;
            }
            if (!store.exists(manifest)) {
                if (days.opened(day)) {
                    report.problem(
                            Kind.MISSING,
                            where,
                            "the day index lists this day, but its manifest and recordings are gone");
                }
                if (store.holdsAny(layout.dayKey(room, day))) {
                    report.problem(Kind.MISSING, where + "/" + ManifestLog.FILE_NAME, "recordings without a manifest");
                    extraFiles(report, room, day, Map.of(), Map.of());
                }
                continue;
            }
            report.checkedDay();
            if (days.present() && !days.opened(day)) {
                report.problem(Kind.EXTRA, where, "a day the day index does not list");
            }
            ManifestWalk walk = checkChain(report, room, day, manifest, days);
            checkSegments(report, room, day, walk.live);
            extraFiles(report, room, day, walk.live, walk.newestListed);
        }
        return report;
    }

    private void checkWitnessed(VerificationReport report, String room, DayIndexCheck days) {
        String where = room + "/" + DayIndex.FILE_NAME;
        String unchecked =
                "the newest days could not be checked (deleted together with their day index entries, they would not show)";
        if (witness == null) {
            report.note(Kind.UNWITNESSED, where, "no exam-server configured to compare with: " + unchecked);
            return;
        }
        HeadWitness.Head head;
        try {
            head = witness.head(room);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.note(Kind.UNWITNESSED, where, "interrupted while asking exam-server: " + unchecked);
            return;
        } catch (IOException | RuntimeException e) {
            report.note(
                    Kind.UNWITNESSED,
                    where,
                    "exam-server at " + witness.url() + " could not be asked (" + e.getMessage() + "): " + unchecked);
            return;
        }
        if (head == null) {
            report.note(Kind.UNWITNESSED, where, "exam-server has witnessed no head of this room yet: " + unchecked);
        } else if (days.lastSeq() < head.seq()) {
            report.problem(
                    Kind.MISSING,
                    where,
                    "index shorter than witnessed: it ends at line " + days.lastSeq()
                            + ", exam-server witnessed line " + head.seq() + " (day " + head.day() + ", written "
                            + head.at()
                            + "): the newest entries, and the days they list, were removed");
        } else {
            head.witnessed().entrySet().stream()
                    .filter(w -> !days.has(w.getKey(), w.getValue()))
                    .findFirst()
                    .ifPresent(
                            w -> report.problem(
                                    Kind.ALTERED,
                                    where,
                                    "witnessed entry differs: line " + w.getKey()
                                            + " is not the one exam-server witnessed (the index was cut back and written again)"));
        }
    }

    /** Verifies hashes, links, seals and the links to the day index; returns what the manifest lists. */
    private ManifestWalk checkChain(
            VerificationReport report, String room, LocalDate day, String manifest, DayIndexCheck days)
            throws IOException {
        String name = room + "/" + day + "/" + ManifestLog.FILE_NAME;
        ManifestWalk walk = new ManifestWalk(report, room, day, days);
        ChainWalk.walk(store, manifest, name, ManifestLog.genesis(layout.site(), room, day), report, walk);
        if (walk.unsealed) {
            report.note(Kind.UNSEALED, room + "/" + day, "the last entries are not sealed yet (hour still open)");
        }
        DayIndexCheck.Reach reach = days.reached(day);
        if (reach != null && walk.lastSeq < reach.manifestSeq()) {
            report.problem(
                    Kind.MISSING,
                    name,
                    "ends at entry " + walk.lastSeq + " but the day index vouches for entries up to "
                            + reach.manifestSeq() + ": its tail was removed");
        } else if (reach != null && !reach.manifestHash().equals(walk.hashes.get(reach.manifestSeq()))) {
            report.problem(
                    Kind.ALTERED, name, "entry " + reach.manifestSeq() + " is not the one the day index vouches for");
        }
        return walk;
    }

    /** What one day's manifest says, line by line: its live segments, its seals, its link to the day index. */
    private final class ManifestWalk implements ChainWalk.Visitor {

        private final VerificationReport report;
        private final String room;
        private final LocalDate day;
        private final DayIndexCheck days;
        final Map<String, ObjectNode> live = new HashMap<>();
        /** Per camera, the start of the newest segment listed (deleted or not). */
        final Map<String, Instant> newestListed = new HashMap<>();

        final Map<Long, String> hashes = new HashMap<>();
        long lastSeq;
        boolean unsealed;

        ManifestWalk(VerificationReport report, String room, LocalDate day, DayIndexCheck days) {
            this.report = report;
            this.room = room;
            this.day = day;
            this.days = days;
        }

        @Override
        public void visit(ManifestLine line, String where, boolean intact) {
            if (line == null) {
                return;
            }
            hashes.put(line.seq(), line.hash());
            lastSeq = Math.max(lastSeq, line.seq());
            ObjectNode f = line.fields();
            switch (line.type()) {
                case "segment" -> {
                    live.put(f.get("path").asText(), f);
                    newestListed.merge(
                            f.path("camera").asText(),
                            Instant.parse(f.path("start").asText()),
                            (a, b) -> a.isAfter(b) ? a : b);
                }
                case "deletion" -> live.remove(f.get("path").asText());
                case "indexed" -> {
                    if (!days.has(
                            f.path("dayIndexSeq").asLong(),
                            f.path("dayIndexHash").asText())) {
                        report.problem(
                                Kind.CHAIN_BROKEN,
                                where,
                                "names day index entry " + f.path("dayIndexSeq").asLong()
                                        + ", which the day index does not hold (cut short or replaced)");
                    }
                }
                case "seal" -> {
                    report.checkedSeal();
                    String text =
                            SealSignature.signedText(layout.site(), room, day.toString(), line.seq(), line.prev());
                    if (!Sm2.verify(publicKey, text, f.path("signature").asText())) {
                        report.problem(
                                Kind.BAD_SIGNATURE,
                                where,
                                "seal of hour " + f.path("hour").asText() + " is not signed by the gateway key");
                    }
                }
                default -> {
                    // gap and recovery entries carry no file; the chain check covers them.
                }
            }
            unsealed = !"seal".equals(line.type());
        }
    }

    private void checkSegments(VerificationReport report, String room, LocalDate day, Map<String, ObjectNode> live)
            throws IOException {
        for (Map.Entry<String, ObjectNode> e : live.entrySet()) {
            report.checkedSegment();
            String key = layout.segmentKey(room, day, e.getKey());
            String where = room + "/" + day + "/" + e.getKey();
            if (!store.exists(key)) {
                report.problem(Kind.MISSING, where, "listed in the manifest, not deleted by retention, but absent");
            } else if (store.size(key) != e.getValue().get("bytes").asLong()) {
                report.problem(
                        Kind.ALTERED,
                        where,
                        "size " + store.size(key) + " bytes, manifest says "
                                + e.getValue().get("bytes").asLong());
            } else if (!sm3(key).equals(e.getValue().get("sm3").asText())) {
                report.problem(Kind.ALTERED, where, "SM3 does not match the manifest");
            }
        }
    }

    private String sm3(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return Sm3.hex(in);
        }
    }

    /** @param newestListed per camera, the newest segment the manifest lists: a store's manifest copy may lag */
    private void extraFiles(
            VerificationReport report,
            String room,
            LocalDate day,
            Map<String, ObjectNode> live,
            Map<String, Instant> newestListed)
            throws IOException {
        String dayKey = layout.dayKey(room, day);
        for (String key : store.list(dayKey)) {
            String relative = key.substring(dayKey.length());
            if (relative.equals(ManifestLog.FILE_NAME) || live.containsKey(relative)) {
                continue;
            }
            if (relative.endsWith(".part")) {
                report.note(
                        Kind.PARTIAL,
                        room + "/" + day + "/" + relative,
                        "segment being recorded or awaiting crash recovery");
            } else if (store.manifestsLag() && newerThanListed(relative, newestListed)) {
                report.note(
                        Kind.PARTIAL,
                        room + "/" + day + "/" + relative,
                        "newer than the stored manifest, which lists it once uploaded at its next seal");
            } else {
                report.problem(Kind.EXTRA, room + "/" + day + "/" + relative, "not listed in the manifest");
            }
        }
    }

    private boolean newerThanListed(String relative, Map<String, Instant> newestListed) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        Optional<Instant> start = layout.segmentStart(name);
        if (start.isEmpty()) {
            return false;
        }
        Instant newest = newestListed.get(name.substring(0, name.lastIndexOf('_')));
        return newest == null || start.get().isAfter(newest);
    }
}
