package org.examhall.proctor.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.examhall.proctor.archive.ArchiveLayout;
import org.examhall.proctor.cli.VerificationReport.Kind;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestLog;
import org.examhall.proctor.manifest.SealSignature;
import org.examhall.proctor.manifest.Sm3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Re-checks a room's archive for a range of days, trusting nothing but the gateway's public key: every
 * manifest line's hash and its link to the line before, every seal's SM2 signature, every listed segment's
 * size and SM3, and that the day's folders hold nothing the manifest does not list.
 */
public final class ArchiveVerifier {

    private final ArchiveLayout layout;
    private final PublicKey publicKey;

    public ArchiveVerifier(ArchiveLayout layout, PublicKey publicKey) {
        this.layout = layout;
        this.publicKey = publicKey;
    }

    public VerificationReport verify(String room, LocalDate from, LocalDate to) throws IOException {
        VerificationReport report = new VerificationReport();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Path dayDir = layout.dayDir(room, day);
            Path manifest = layout.manifestFile(room, day);
            if (!Files.exists(manifest)) {
                if (Files.isDirectory(dayDir)) {
                    report.problem(Kind.MISSING, room + "/" + day + "/" + ManifestLog.FILE_NAME, "recordings without a manifest");
                    extraFiles(report, room, day, Map.of());
                }
                continue;
            }
            report.checkedDay();
            Map<String, ObjectNode> live = checkChain(report, room, day, manifest);
            checkSegments(report, room, day, live);
            extraFiles(report, room, day, live);
        }
        return report;
    }

    /** Verifies hashes, links and seals; returns the listed, undeleted segments by path. */
    private Map<String, ObjectNode> checkChain(VerificationReport report, String room, LocalDate day, Path manifest) throws IOException {
        Map<String, ObjectNode> live = new HashMap<>();
        String expectedPrev = ManifestLog.genesis(layout.site(), room, day);
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        boolean unsealed = false;
        for (int i = 0; i < lines.size(); i++) {
            String where = room + "/" + day + "/" + ManifestLog.FILE_NAME + " line " + (i + 1);
            ManifestLine line;
            try {
                line = ManifestLine.parse(lines.get(i));
            } catch (IOException | ClassCastException e) {
                report.problem(Kind.ALTERED, where, "not a manifest entry");
                expectedPrev = null;
                continue;
            }
            if (!line.hashMatches()) {
                report.problem(Kind.ALTERED, where, "entry does not match its hash");
            }
            if (expectedPrev != null && !expectedPrev.equals(line.prev())) {
                report.problem(Kind.CHAIN_BROKEN, where, "does not follow the entry before it (inserted, removed or reordered)");
            }
            expectedPrev = line.hash();
            ObjectNode f = line.fields();
            switch (line.type()) {
                case "segment" -> live.put(f.get("path").asText(), f);
                case "deletion" -> live.remove(f.get("path").asText());
                case "seal" -> {
                    report.checkedSeal();
                    String text = SealSignature.signedText(layout.site(), room, day.toString(), line.seq(), line.prev());
                    if (!SealSignature.verify(publicKey, text, f.path("signature").asText())) {
                        report.problem(Kind.BAD_SIGNATURE, where, "seal of hour " + f.path("hour").asText()
                                + " is not signed by the gateway key");
                    }
                }
                default -> {
                    // gap and recovery entries carry no file; the chain check above covers them.
                }
            }
            unsealed = !"seal".equals(line.type());
        }
        if (unsealed) {
            report.note(Kind.UNSEALED, room + "/" + day, "the last entries are not sealed yet (hour still open)");
        }
        return live;
    }

    private void checkSegments(VerificationReport report, String room, LocalDate day, Map<String, ObjectNode> live) throws IOException {
        for (Map.Entry<String, ObjectNode> e : live.entrySet()) {
            report.checkedSegment();
            Path file = layout.dayDir(room, day).resolve(e.getKey());
            String where = room + "/" + day + "/" + e.getKey();
            if (!Files.isRegularFile(file)) {
                report.problem(Kind.MISSING, where, "listed in the manifest, not deleted by retention, but absent");
            } else if (Files.size(file) != e.getValue().get("bytes").asLong()) {
                report.problem(Kind.ALTERED, where, "size " + Files.size(file) + " bytes, manifest says " + e.getValue().get("bytes").asLong());
            } else if (!Sm3.hex(file).equals(e.getValue().get("sm3").asText())) {
                report.problem(Kind.ALTERED, where, "SM3 does not match the manifest");
            }
        }
    }

    private void extraFiles(VerificationReport report, String room, LocalDate day, Map<String, ObjectNode> live) throws IOException {
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
                    report.note(Kind.PARTIAL, room + "/" + day + "/" + relative, "segment being recorded or awaiting crash recovery");
                } else {
                    report.problem(Kind.EXTRA, room + "/" + day + "/" + relative, "not listed in the manifest");
                }
            }
        }
    }
}
