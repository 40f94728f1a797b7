package org.examhall.proctor.config;

import java.nio.file.Path;
import org.examhall.protocol.config.ConfigException;

/**
 * Archive layout, retention and where the archive is stored ({@link ArchiveStoreSettings}). The rules demand recordings be kept at least three years, so a shorter
 * retention is refused unless a test explicitly asks for it.
 */
public record ArchiveSettings(
        Path root,
        int segmentSeconds,
        int retentionDays,
        boolean allowShortRetentionForTests,
        ArchiveStoreSettings store) {

    /** Three years including a leap day: the legal minimum. */
    public static final int MINIMUM_RETENTION_DAYS = 1096;

    public ArchiveSettings {
        segmentSeconds = segmentSeconds == 0 ? 60 : segmentSeconds;
        retentionDays = retentionDays == 0 ? MINIMUM_RETENTION_DAYS : retentionDays;
        store = store == null ? ArchiveStoreSettings.local() : store;
        if (segmentSeconds < 1 || segmentSeconds > 3600) {
            throw new ConfigException("archive.segmentSeconds must be between 1 and 3600, was " + segmentSeconds);
        }
        if (retentionDays < 1) {
            throw new ConfigException("archive.retentionDays must be positive, was " + retentionDays);
        }
        if (retentionDays < MINIMUM_RETENTION_DAYS && !allowShortRetentionForTests) {
            throw new ConfigException("archive.retentionDays is " + retentionDays
                    + " but recordings must be kept at least " + MINIMUM_RETENTION_DAYS
                    + " days (3 years); set allowShortRetentionForTests only in tests");
        }
    }

    public ArchiveSettings withRoot(Path newRoot) {
        return new ArchiveSettings(newRoot, segmentSeconds, retentionDays, allowShortRetentionForTests, store);
    }
}
