package org.examhall.proctor.manifest;

import org.examhall.proctor.archive.ArchiveLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open manifests of all rooms, one per room and day, opened on first use. Entries are filed under the
 * local day of the moment they describe; a gap that spans midnight is listed in each day it touches, so
 * every day's manifest accounts for all of its hours.
 */
public final class ManifestBook implements AutoCloseable {

    private final ArchiveLayout layout;
    private final PrivateKey signingKey;
    private final Clock clock;
    private final Map<String, ManifestLog> open = new HashMap<>();

    public ManifestBook(ArchiveLayout layout, PrivateKey signingKey, Clock clock) {
        this.layout = layout;
        this.signingKey = signingKey;
        this.clock = clock;
    }

    public synchronized ManifestLog log(String room, LocalDate day) {
        return open.computeIfAbsent(room + "/" + day, key -> {
            try {
                return new ManifestLog(layout.manifestFile(room, day), layout.site(), room, day, layout.zone(),
                        signingKey, clock);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open manifest of " + room + " " + day, e);
            }
        });
    }

    public void recordSegment(String room, SegmentRecord segment) {
        log(room, layout.day(segment.start())).appendSegment(segment);
    }

    public void recordGap(String room, String camera, Instant from, Instant to, String reason) {
        Instant start = from;
        while (start.isBefore(to)) {
            LocalDate day = layout.day(start);
            Instant dayEnd = day.plusDays(1).atStartOfDay(layout.zone()).toInstant();
            Instant end = dayEnd.isBefore(to) ? dayEnd : to;
            log(room, day).appendGap(camera, start, end, reason);
            start = end;
        }
    }

    /** Seals every hour that has closed, and closes the manifests of days that are over. */
    public void tick() {
        LocalDate today = layout.day(clock.instant());
        List<ManifestLog> finished = new ArrayList<>();
        synchronized (this) {
            open.entrySet().removeIf(e -> {
                e.getValue().sealIfHourClosed();
                LocalDate day = LocalDate.parse(e.getKey().substring(e.getKey().indexOf('/') + 1));
                // Keep yesterday open a little: a segment that started before midnight is filed under it.
                if (day.isBefore(today.minusDays(1))) {
                    finished.add(e.getValue());
                    return true;
                }
                return false;
            });
        }
        for (ManifestLog log : finished) {
            closeQuietly(log);
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(ManifestBook::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(ManifestLog log) {
        try {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close manifest " + log.file(), e);
        }
    }
}
