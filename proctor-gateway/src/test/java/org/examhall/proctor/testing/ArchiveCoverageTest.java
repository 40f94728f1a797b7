package org.examhall.proctor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.examhall.proctor.manifest.ManifestLine;
import org.junit.jupiter.api.Test;

class ArchiveCoverageTest {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

    @Test
    void coverageOfAWindowLeavesOutOutagesAndOtherCameras() throws IOException {
        List<ManifestLine> lines = List.of(
                segment("cam1", 0, 10),
                segment("cam1", 10, 20),
                gap("cam1", 20, 30, "connection lost"),
                segment("cam1", 31, 40),
                segment("cam2", 20, 40));
        ArchiveCoverage coverage = ArchiveCoverage.of(lines, "cam1");

        assertThat(coverage.archivedSeconds()).isEqualTo(29.0);
        assertThat(coverage.covered())
                .containsExactly(
                        new ArchiveCoverage.Interval(at(0), at(20)), new ArchiveCoverage.Interval(at(31), at(40)));
        assertThat(coverage.gaps()).containsExactly(new ArchiveCoverage.Gap(at(20), at(30), "connection lost"));
        // Window 5..40 less the outage 20..30 is 25 s, of which 15 + 9 s are archived.
        assertThat(coverage.coveredFraction(at(5), at(40), List.of(new ArchiveCoverage.Interval(at(20), at(30)))))
                .isCloseTo(24.0 / 25.0, within(1e-9));
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static ManifestLine segment(String camera, int from, int to) throws IOException {
        return ManifestLine.parse("{\"type\":\"segment\",\"camera\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}"
                .formatted(camera, at(from), at(to)));
    }

    private static ManifestLine gap(String camera, int from, int to, String reason) throws IOException {
        return ManifestLine.parse("{\"type\":\"gap\",\"camera\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"reason\":\"%s\"}"
                .formatted(camera, at(from), at(to), reason));
    }
}
