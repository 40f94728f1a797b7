package org.examhall.proctor.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.protocol.crypto.Sm3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLogTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final KeyPair KEYS = Sm2.generate();

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        final AtomicReference<Instant> now;

        HandClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now.get(), zone);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advanceSeconds(long s) {
            now.set(now.get().plusSeconds(s));
        }
    }

    private static SegmentRecord segment(Instant start, String name) {
        return SegmentRecord.recorded("cam1", "09/" + name, start, start.plusSeconds(60), 1000, Sm3.hex(name));
    }

    @Test
    void entriesAreChainedAndEachClosedHourIsSealedWithAValidSm2Signature() throws Exception {
        Instant nine = DAY.atTime(9, 58).atZone(ZONE).toInstant();
        HandClock clock = new HandClock(nine);
        Path file = dir.resolve("manifest.jsonl");
        try (ManifestLog log = new ManifestLog(
                file, "site1", "room1", DAY, ZONE, KEYS.getPrivate(), clock, ManifestLog.SealListener.NONE)) {
            log.appendSegment(segment(nine, "a.ts"));
            clock.advanceSeconds(60);
            log.appendGap("cam1", nine.plusSeconds(60), nine.plusSeconds(90), "camera offline: test");
            clock.advanceSeconds(120);
            // 10:01: the 09 hour is closed and sealed before the new entry is written.
            log.appendSegment(segment(clock.instant(), "b.ts"));
        }
        List<ManifestLine> lines = ManifestReader.read(file);
        assertThat(lines).extracting(ManifestLine::type).containsExactly("segment", "gap", "seal", "segment", "seal");
        String prev = ManifestLog.genesis("site1", "room1", DAY);
        for (ManifestLine line : lines) {
            assertThat(line.hashMatches()).isTrue();
            assertThat(line.prev()).isEqualTo(prev);
            prev = line.hash();
            if (line.type().equals("seal")) {
                String text = SealSignature.signedText("site1", "room1", DAY.toString(), line.seq(), line.prev());
                assertThat(Sm2.verify(
                                KEYS.getPublic(),
                                text,
                                line.fields().get("signature").asText()))
                        .isTrue();
            }
        }
        assertThat(lines.get(2).fields().get("hour").asText()).isEqualTo("2026-03-02T09:00");
    }

    @Test
    void aForgedButSelfConsistentManifestFailsTheSignatureCheck() throws Exception {
        Clock clock = Clock.fixed(DAY.atTime(10, 0).atZone(ZONE).toInstant(), ZoneOffset.UTC);
        Path file = dir.resolve("forged.jsonl");
        KeyPair forger = Sm2.generate();
        // Whoever rewrites history can recompute every hash, but cannot sign with the gateway's key.
        try (ManifestLog log = new ManifestLog(
                file, "site1", "room1", DAY, ZONE, forger.getPrivate(), clock, ManifestLog.SealListener.NONE)) {
            log.appendSegment(segment(clock.instant(), "fake.ts"));
        }
        ManifestLine seal = ManifestReader.read(file).get(1);
        assertThat(seal.hashMatches()).isTrue();
        String text = SealSignature.signedText("site1", "room1", DAY.toString(), seal.seq(), seal.prev());
        assertThat(Sm2.verify(
                        KEYS.getPublic(), text, seal.fields().get("signature").asText()))
                .isFalse();
    }

    @Test
    void aLineTornByACrashIsCutOffAndRecordedWhenTheLogReopens() throws Exception {
        Clock clock = Clock.fixed(DAY.atTime(10, 0).atZone(ZONE).toInstant(), ZoneOffset.UTC);
        Path file = dir.resolve("torn.jsonl");
        try (ManifestLog log = new ManifestLog(
                file, "site1", "room1", DAY, ZONE, KEYS.getPrivate(), clock, ManifestLog.SealListener.NONE)) {
            log.appendSegment(segment(clock.instant(), "a.ts"));
        }
        Files.writeString(file, "{\"seq\":3,\"type\":\"segm", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (ManifestLog log = new ManifestLog(
                file, "site1", "room1", DAY, ZONE, KEYS.getPrivate(), clock, ManifestLog.SealListener.NONE)) {
            log.appendSegment(segment(clock.instant(), "b.ts"));
        }
        List<ManifestLine> lines = ManifestReader.read(file);
        assertThat(lines)
                .extracting(ManifestLine::type)
                .containsExactly("segment", "seal", "recovery", "segment", "seal");
        assertThat(lines.get(2).fields().get("tornBytes").asInt()).isEqualTo(21);
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i).prev()).isEqualTo(lines.get(i - 1).hash());
        }
    }
}
