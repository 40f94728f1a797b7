package org.examhall.proctor.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The open manifests of all rooms, one per room and day, opened on first use, and each room's
 * {@link DayIndex}. Entries are filed under the local day of the moment they describe; a gap that spans
 * midnight is listed in each day it touches, so every day's manifest accounts for all of its hours. A new
 * manifest is listed in the day index at once and names the index entry that lists it; every seal of a
 * manifest is checkpointed there.
 */
public final class ManifestBook implements AutoCloseable {

    private final ArchiveLayout layout;
    private final PrivateKey signingKey;
    private final Clock clock;
    private final Map<String, ManifestLog> open = new HashMap<>();
    /**
     * Not guarded by this book's lock: a manifest tells its index of a seal while holding its own lock, and
     * {@link #tick()} takes the manifests' locks while holding the book's.
     */
    private final Map<String, DayIndex> indexes = new ConcurrentHashMap<>();

    private final Consumer<IndexHead> witness;

    /** An archive whose day index heads nobody outside witnesses (tests, benchmarks, a gateway without exam-server). */
    public ManifestBook(ArchiveLayout layout, PrivateKey signingKey, Clock clock) {
        this(layout, signingKey, clock, head -> {});
    }

    /** @param witness told of every new head of a room's day index, in order, from the thread that wrote it */
    public ManifestBook(ArchiveLayout layout, PrivateKey signingKey, Clock clock, Consumer<IndexHead> witness) {
        this.layout = layout;
        this.signingKey = signingKey;
        this.clock = clock;
        this.witness = witness;
    }

    public synchronized ManifestLog log(String room, LocalDate day) {
        String key = room + "/" + day;
        ManifestLog log = open.get(key);
        if (log != null) {
            return log;
        }
        Path file = layout.manifestFile(room, day);
        boolean created = !Files.exists(file);
        try {
            log = new ManifestLog(
                    file,
                    layout.site(),
                    room,
                    day,
                    layout.zone(),
                    signingKey,
                    clock,
                    (sealedDay, seq, hash) -> dayIndex(room).checkpoint(sealedDay, seq, hash));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open manifest of " + room + " " + day, e);
        }
        open.put(key, log);
        if (created) {
            DayIndex.Position listed = dayIndex(room).opened(day, null);
            log.appendIndexed(listed.seq(), listed.hash());
        }
        return log;
    }

    private DayIndex dayIndex(String room) {
        return indexes.computeIfAbsent(room, r -> {
            try {
                return new DayIndex(layout.dayIndexFile(r), layout.site(), r, signingKey, clock, witness);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the day index of " + r, e);
            }
        });
    }

    /**
     * Run at start: repairs the room's day index after a crash, lists in it the days it lacks, and links their
     * manifests to it. With no index yet (an archive older than day indexes) that is every day; otherwise only
     * the two most recent, where a crash between creating a manifest and listing it can have left one out.
     */
    public void registerDays(String room) throws IOException {
        Path indexFile = layout.dayIndexFile(room);
        List<LocalDate> days = layout.days(room);
        if (Files.exists(indexFile)) {
            days = days.subList(Math.max(0, days.size() - 2), days.size());
        }
        // Opening the index now repairs what a crash may have left in it (a torn line, an unsealed entry).
        dayIndex(room);
        Map<LocalDate, DayIndex.Position> listed = new HashMap<>();
        for (ManifestLine line : ManifestReader.read(indexFile)) {
            if ("opened".equals(line.type())) {
                listed.put(
                        LocalDate.parse(line.fields().get("day").asText()),
                        new DayIndex.Position(line.seq(), line.hash()));
            }
        }
        LocalDate yesterday = layout.day(clock.instant()).minusDays(1);
        for (LocalDate day : days) {
            Path manifest = layout.manifestFile(room, day);
            if (!Files.exists(manifest)
                    || ManifestReader.read(manifest).stream().anyMatch(l -> "indexed".equals(l.type()))) {
                continue;
            }
            DayIndex.Position position = listed.get(day);
            if (position == null) {
                position = dayIndex(room).opened(day, "listed at start: recorded before the day index had it");
            }
            log(room, day).appendIndexed(position.seq(), position.hash());
            if (day.isBefore(yesterday)) {
                // Past days are not written again: do not hold hundreds of them open after an upgrade.
                closeDay(room, day);
            }
        }
    }

    /**
     * Retention has emptied the day: its manifest is sealed and closed, and the day index records its last
     * entry as deleted, after which the day's folder may go.
     */
    public synchronized void retireDay(String room, LocalDate day, String reason) {
        ManifestLog log = log(room, day);
        closeDay(room, day);
        dayIndex(room).deleted(day, log.seq(), log.lastHash(), reason);
    }

    private synchronized void closeDay(String room, LocalDate day) {
        ManifestLog log = open.remove(room + "/" + day);
        if (log != null) {
            closeQuietly(log);
        }
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
        for (DayIndex index : indexes.values()) {
            try {
                index.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close a day index", e);
            }
        }
        indexes.clear();
    }

    private static void closeQuietly(ManifestLog log) {
        try {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close manifest " + log.file(), e);
        }
    }
}
