package org.examhall.proctor.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's disk figures, which the operator's "disk above 80 %" alert reads beside the nodes' own. */
class DiskSpaceMetricsTest {

    @TempDir
    Path dir;

    @Test
    void theArchivesFileSystemIsReportedOnceWithItsRealSize() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        String text = DiskSpaceMetrics.render(List.of(archive, dir));

        long total = Files.getFileStore(archive).getTotalSpace();
        assertThat(value(text, "examhall_disk_total_bytes", archive)).isEqualTo(total);
        assertThat(value(text, "examhall_disk_free_bytes", archive)).isBetween(1L, total);
        assertThat(text)
                .as("the data directory is on the same file system: listed once")
                .doesNotContain("path=\"" + dir + "\"");
        assertThat(text).contains("# TYPE examhall_disk_free_bytes gauge", "# TYPE examhall_disk_total_bytes gauge");
    }

    @Test
    void anArchiveNotMadeYetCountsOnTheFileSystemItWillBeMadeOn() throws Exception {
        Path archive = dir.resolve("not-yet").resolve("archive");
        String text = DiskSpaceMetrics.render(List.of(archive));

        assertThat(value(text, "examhall_disk_total_bytes", archive))
                .isEqualTo(Files.getFileStore(dir).getTotalSpace());
        assertThat(Files.exists(archive))
                .as("made by the archive, not by a scrape")
                .isFalse();
    }

    private static long value(String text, String name, Path path) {
        Matcher m = Pattern.compile(
                        "(?m)^" + name + Pattern.quote("{path=\"" + path.toAbsolutePath() + "\"}") + " (\\d+)$")
                .matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
