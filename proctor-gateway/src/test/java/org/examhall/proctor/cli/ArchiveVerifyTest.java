package org.examhall.proctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.examhall.proctor.archive.ArchiveRecovery;
import org.examhall.proctor.manifest.ManifestBook;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.TestArchive;
import org.examhall.protocol.crypto.Sm2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveVerifyTest {

    private static final Instant START = Instant.parse("2026-03-02T01:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @TempDir
    static Path shared;

    private static Path recording;

    @TempDir
    Path dir;

    private TestArchive archive;
    private Path publicKey;

    @BeforeAll
    static void record() throws Exception {
        recording = Clips.generate(shared.resolve("clip.ts"), 8, List.of());
    }

    @BeforeEach
    void archive() throws Exception {
        archive = new TestArchive(dir.resolve("archive"), Clock.fixed(START.plusSeconds(3600), ZoneOffset.UTC));
        Clips.archive(archive, "room1", recording, START, Duration.ofSeconds(2));
        archive.close();
        publicKey = dir.resolve("gateway.pub.pem");
        Files.writeString(publicKey, Sm2.pem(archive.keys.getPublic()));
    }

    private record Result(int exit, String out) {}

    private Result verify() {
        return verify(DAY, DAY);
    }

    private Result verify(LocalDate from, LocalDate to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ArchiveVerify.run(
                new String[] {
                    "--archive",
                    archive.root.toString(),
                    "--site",
                    "site1",
                    "--room",
                    "room1",
                    "--from",
                    from.toString(),
                    "--to",
                    to.toString(),
                    "--public-key",
                    publicKey.toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }

    /** Records the same footage on the following days too, as a running gateway would. */
    private void recordFollowingDays(int days) {
        for (int i = 1; i <= days; i++) {
            Instant start = START.plus(Duration.ofDays(i));
            try (TestArchive next =
                    new TestArchive(archive.root, Clock.fixed(start.plusSeconds(3600), ZoneOffset.UTC))) {
                Clips.archive(next, "room1", recording, start, Duration.ofSeconds(2));
            }
        }
    }

    private List<Path> segments() throws Exception {
        List<Path> files = new ArrayList<>();
        for (ManifestLine line : ManifestReader.read(archive.layout.manifestFile("room1", DAY))) {
            if (line.type().equals("segment")) {
                files.add(archive.layout
                        .dayDir("room1", DAY)
                        .resolve(line.fields().get("path").asText()));
            }
        }
        return files;
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void anIntactArchiveVerifies() throws Exception {
        Result result = verify();
        assertThat(result.exit()).as(result.out()).isZero();
        assertThat(result.out()).contains(segments().size() + " segments").contains("OK");
        assertThat(segments()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aWholeDayDeletedInsideTheRangeIsReported() throws Exception {
        recordFollowingDays(2);
        assertThat(verify(DAY, DAY.plusDays(2)).exit()).isZero();
        deleteRecursively(archive.layout.dayDir("room1", DAY.plusDays(1)));
        Result result = verify(DAY, DAY.plusDays(2));
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out())
                .contains("PROBLEM MISSING room1/" + DAY.plusDays(1) + ": the day index lists this day")
                .contains("2 days");
    }

    @Test
    void aDayIndexCutShortToHideADeletedDayIsCaughtByTheDayAfter() throws Exception {
        recordFollowingDays(2);
        Path index = archive.layout.dayIndexFile("room1");
        List<String> lines = Files.readAllLines(index);
        String middleDay = "\"day\":\"" + DAY.plusDays(1) + "\"";
        int firstOfMiddleDay = lines.indexOf(
                lines.stream().filter(l -> l.contains(middleDay)).findFirst().orElseThrow());
        // Remove the middle day and every index entry from its listing on: the index itself is still whole.
        Files.write(index, lines.subList(0, firstOfMiddleDay));
        deleteRecursively(archive.layout.dayDir("room1", DAY.plusDays(1)));
        Result result = verify(DAY, DAY.plusDays(2));
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out())
                .contains("PROBLEM CHAIN_BROKEN room1/" + DAY.plusDays(2) + "/manifest.jsonl")
                .contains("which the day index does not hold")
                .contains("a day the day index does not list");
    }

    @Test
    void aManifestWhoseSealedTailWasCutOffIsReported() throws Exception {
        // An hour later the gateway notes a camera gap; the day's manifest gains a gap entry and a seal.
        Instant later = START.plusSeconds(7200);
        try (TestArchive next = new TestArchive(archive.root, Clock.fixed(later, ZoneOffset.UTC))) {
            next.manifests.recordGap(
                    "room1", "cam1", later.minusSeconds(600), later.minusSeconds(60), "camera offline: test");
        }
        Path manifest = archive.layout.manifestFile("room1", DAY);
        List<String> lines = Files.readAllLines(manifest);
        assertThat(lines.get(lines.size() - 2)).contains("\"type\":\"gap\"");
        // Cut back to the previous seal: what is left is a valid, sealed chain.
        Files.write(manifest, lines.subList(0, lines.size() - 2));
        Result result = verify();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out())
                .contains("PROBLEM MISSING room1/" + DAY + "/manifest.jsonl")
                .contains("its tail was removed")
                .doesNotContain("CHAIN_BROKEN");
    }

    @Test
    void aSingleAlteredByteIsReported() throws Exception {
        Path victim = segments().get(1);
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(victim, bytes);
        Result result = verify();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out())
                .contains("PROBLEM ALTERED")
                .contains(victim.getFileName().toString())
                .contains("SM3");
    }

    @Test
    void aDeletedFileIsReportedMissing() throws Exception {
        Path victim = segments().get(0);
        Files.delete(victim);
        Result result = verify();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out())
                .contains("PROBLEM MISSING")
                .contains(victim.getFileName().toString());
    }

    @Test
    void anAddedFileIsReportedExtra() throws Exception {
        Path planted = segments().get(0).resolveSibling("cam1_20260302T090059000.ts");
        Files.copy(segments().get(0), planted, StandardCopyOption.REPLACE_EXISTING);
        Result result = verify();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("PROBLEM EXTRA").contains("cam1_20260302T090059000.ts");
    }

    @Test
    void anEditedManifestEntryBreaksTheChain() throws Exception {
        Path manifest = archive.layout.manifestFile("room1", DAY);
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replaceFirst("\"durationMs\":\\d+", "\"durationMs\":1"));
        Result result = verify();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("PROBLEM ALTERED").contains("does not match its hash");
    }

    @Test
    void aManifestRewrittenWithAnotherKeyFailsItsSignatures() throws Exception {
        // The forger rebuilds the whole day consistently (hashes and chain valid) but signs with his own key.
        Path manifest = archive.layout.manifestFile("room1", DAY);
        Files.delete(manifest);
        KeyPair forger = Sm2.generate();
        try (ManifestBook book = new ManifestBook(
                archive.layout, forger.getPrivate(), Clock.fixed(START.plusSeconds(3600), ZoneOffset.UTC))) {
            new ArchiveRecovery(archive.layout, archive.store, book).recover("room1");
        }
        Result result = verify();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("PROBLEM BAD_SIGNATURE").doesNotContain("CHAIN_BROKEN");
    }
}
