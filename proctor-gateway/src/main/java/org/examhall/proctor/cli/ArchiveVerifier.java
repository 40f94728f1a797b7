package org.examhall.proctor.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
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
 * only way to see the newest days deleted together with their index entries.
 */
public final class ArchiveVerifier {

    private final ArchiveLayout layout;
    private final PublicKey publicKey;
    private final HeadWitness witness;

    /** Without exam-server: the report notes that the newest days could not be checked. */
    public ArchiveVerifier(ArchiveLayout layout, PublicKey publicKey) {
        this(layout, publicKey, null);
    }

    /** @param witness null when no exam-server is configured */
    ArchiveVerifier(ArchiveLayout layout, PublicKey publicKey, HeadWitness witness) {
        this.layout = layout;
        this.publicKey = publicKey;
        this.witness = witness;
    }

    public VerificationReport verify(String room, LocalDate from, LocalDate to) throws IOException {
        VerificationReport report = new VerificationReport();
        DayIndexCheck days = new DayIndexCheck(layout, room, publicKey, report);
        if (!days.present() && Files.isDirectory(layout.roomDir(room))) {
            report.problem(
                    Kind.MISSING,
                    room + "/" + DayIndex.FILE_NAME,
                    "the room's day index is gone: missing days cannot be told");
        }
        checkWitnessed(report, room, days);
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Path dayDir = layout.dayDir(room, day);
            Path manifest = layout.manifestFile(room, day);
            String where = room + "/" + day;
            if (days.deleted(day) != null) {
                report.note(Kind.DELETED, where, "deleted by retention at " + days.deleted(day));
                extraFiles(report, room, day, Map.of());
                continue;
            }
            if (!Files.exists(manifest)) {
                if (days.opened(day)) {
                    report.problem(
                            Kind.MISSING,
                            where,
                            "the day index lists this day, but its manifest and recordings are gone");
                }
                if (Files.isDirectory(dayDir)) {
                    report.problem(Kind.MISSING, where + "/" + ManifestLog.FILE_NAME, "recordings without a manifest");
                    extraFiles(report, room, day, Map.of());
                }
                continue;
            }
            report.checkedDay();
            if (days.present() && !days.opened(day)) {
                report.problem(Kind.EXTRA, where, "a day the day index does not list");
            }
            Map<String, ObjectNode> live = checkChain(report, room, day, manifest, days);
            checkSegments(report, room, day, live);
            extraFiles(report, room, day, live);
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

    /** Verifies hashes, links, seals and the links to the day index; returns the listed, undeleted segments by path. */
    private Map<String, ObjectNode> checkChain(
            VerificationReport report, String room, LocalDate day, Path manifest, DayIndexCheck days)
            throws IOException {
        String name = room + "/" + day + "/" + ManifestLog.FILE_NAME;
        ManifestWalk walk = new ManifestWalk(report, room, day, days);
        ChainWalk.walk(manifest, name, ManifestLog.genesis(layout.site(), room, day), report, walk);
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
        return walk.live;
    }

    /** What one day's manifest says, line by line: its live segments, its seals, its link to the day index. */
    private final class ManifestWalk implements ChainWalk.Visitor {

        private final VerificationReport report;
        private final String room;
        private final LocalDate day;
        private final DayIndexCheck days;
        final Map<String, ObjectNode> live = new HashMap<>();
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
                case "segment" -> live.put(f.get("path").asText(), f);
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
            Path file = layout.dayDir(room, day).resolve(e.getKey());
            String where = room + "/" + day + "/" + e.getKey();
            if (!Files.isRegularFile(file)) {
                report.problem(Kind.MISSING, where, "listed in the manifest, not deleted by retention, but absent");
            } else if (Files.size(file) != e.getValue().get("bytes").asLong()) {
                report.problem(
                        Kind.ALTERED,
                        where,
                        "size " + Files.size(file) + " bytes, manifest says "
                                + e.getValue().get("bytes").asLong());
            } else if (!Sm3.hex(file).equals(e.getValue().get("sm3").asText())) {
                report.problem(Kind.ALTERED, where, "SM3 does not match the manifest");
            }
        }
    }

    private void extraFiles(VerificationReport report, String room, LocalDate day, Map<String, ObjectNode> live)
            throws IOException {
        Path dayDir = layout.dayDir(room, day);
        if (!Files.isDirectory(dayDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dayDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = dayDir.relativize(file).toString().replace('\\', '/');
                if (relative.equals(ManifestLog.FILE_NAME) || live.containsKey(relative)) {
                    continue;
                }
                if (relative.endsWith(".part")) {
                    report.note(
                            Kind.PARTIAL,
                            room + "/" + day + "/" + relative,
                            "segment being recorded or awaiting crash recovery");
                } else {
                    report.problem(Kind.EXTRA, room + "/" + day + "/" + relative, "not listed in the manifest");
                }
            }
        }
    }
}
