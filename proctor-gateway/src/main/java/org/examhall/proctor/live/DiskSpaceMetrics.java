package org.examhall.proctor.live;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.examhall.proctor.log.LogEvent;
import org.examhall.protocol.storage.FileStores;

/**
 * Free and total space of the file systems the gateway writes to (the archive, its data directory), in Prometheus'
 * text format under the names exam-server's nodes use for theirs, so that one alert watches both. A file system
 * holding several of the directories is listed once, under the first. A directory not made yet (no camera has
 * delivered) counts on the file system it will be made on. Reads the file systems: call it on a worker.
 */
final class DiskSpaceMetrics {

    private static final System.Logger LOG = System.getLogger(DiskSpaceMetrics.class.getName());

    private DiskSpaceMetrics() {}

    /** A file system that cannot be read is left out and logged: the cameras' figures are still served. */
    static String render(List<Path> directories) {
        StringBuilder free = new StringBuilder(
                "# HELP examhall_disk_free_bytes space left for the gateway's files on this file system\n"
                        + "# TYPE examhall_disk_free_bytes gauge\n");
        StringBuilder total = new StringBuilder(
                "# HELP examhall_disk_total_bytes size of the file system\n# TYPE examhall_disk_total_bytes gauge\n");
        List<FileStore> seen = new ArrayList<>();
        for (Path directory : directories) {
            try {
                FileStore store = FileStores.holding(directory);
                if (seen.contains(store)) {
                    continue;
                }
                seen.add(store);
                String labels = "{path=\"" + escape(directory.toAbsolutePath().toString()) + "\"} ";
                free.append("examhall_disk_free_bytes")
                        .append(labels)
                        .append(store.getUsableSpace())
                        .append('\n');
                total.append("examhall_disk_total_bytes")
                        .append(labels)
                        .append(store.getTotalSpace())
                        .append('\n');
            } catch (IOException e) {
                LogEvent.of("disk_space_unreadable")
                        .with("path", directory)
                        .with("error", e.getMessage())
                        .log(LOG, System.Logger.Level.WARNING);
            }
        }
        return free.append(total).toString();
    }

    /** A label value in Prometheus' text format: backslash, double quote and line feed escaped. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
