package org.examhall.proctor.cli;

import org.examhall.proctor.archive.ArchiveRecovery;
import org.examhall.proctor.manifest.ManifestBook;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.manifest.Sm2Keys;
import org.examhall.proctor.testing.Clips;
import org.examhall.proctor.testing.TestArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
        Sm2Keys.writePublic(publicKey, archive.keys.getPublic());
    }

    private record Result(int exit, String out) {
    }

    private Result verify() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ArchiveVerify.run(new String[] {"--archive", archive.root.toString(), "--site", "site1", "--room", "room1",
                "--from", DAY.toString(), "--public-key", publicKey.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }

    private List<Path> segments() throws Exception {
        List<Path> files = new ArrayList<>();
        for (ManifestLine line : ManifestReader.read(archive.layout.manifestFile("room1", DAY))) {
            if (line.type().equals("segment")) {
                files.add(archive.layout.dayDir("room1", DAY).resolve(line.fields().get("path").asText()));
            }
        }
        return files;
    }

    @Test
    void anIntactArchiveVerifies() throws Exception {
        Result result = verify();
        assertThat(result.exit()).as(result.out()).isZero();
        assertThat(result.out()).contains(segments().size() + " segments").contains("OK");
        assertThat(segments()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aSingleAlteredByteIsReported() throws Exception {
        Path victim = segments().get(1);
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(victim, bytes);
        Result result = verify();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("PROBLEM ALTERED").contains(victim.getFileName().toString()).contains("SM3");
    }

    @Test
    void aDeletedFileIsReportedMissing() throws Exception {
        Path victim = segments().get(0);
        Files.delete(victim);
        Result result = verify();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("PROBLEM MISSING").contains(victim.getFileName().toString());
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
        KeyPair forger = Sm2Keys.generate();
        try (ManifestBook book = new ManifestBook(archive.layout, forger.getPrivate(), Clock.fixed(START.plusSeconds(3600), ZoneOffset.UTC))) {
            new ArchiveRecovery(archive.layout, archive.store, book).recover("room1");
        }
        Result result = verify();
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("PROBLEM BAD_SIGNATURE").doesNotContain("CHAIN_BROKEN");
    }
}
