package org.examhall.proctor.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where things live in the archive: {@code root/site/room/yyyy-MM-dd/HH/camera_yyyyMMdd'T'HHmmssSSS.ts},
 * with the day's {@code manifest.jsonl} beside the hour folders and the room's {@code days.jsonl} beside the day
 * folders. Local time of the site, because that is
 * how an incident is described ("第一考场, 10:15").
 */
public final class ArchiveLayout {

    public static final String SEGMENT_SUFFIX = ".ts";

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");

    private final Path root;
    private final String site;
    private final ZoneId zone;

    public ArchiveLayout(Path root, String site, ZoneId zone) {
        this.root = root;
        this.site = site;
        this.zone = zone;
    }

    public Path root() {
        return root;
    }

    public String site() {
        return site;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    public Path roomDir(String room) {
        return root.resolve(site).resolve(room);
    }

    public Path dayDir(String room, LocalDate day) {
        return roomDir(room).resolve(day.toString());
    }

    public Path manifestFile(String room, LocalDate day) {
        return dayDir(room, day).resolve(ManifestLog.FILE_NAME);
    }

    public Path dayIndexFile(String room) {
        return roomDir(room).resolve(DayIndex.FILE_NAME);
    }

    /** The days that have a folder, oldest first. */
    public List<LocalDate> days(String room) throws IOException {
        Path dir = roomDir(room);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> days = Files.list(dir)) {
            return days.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{4}-\\d{2}-\\d{2}"))
                    .map(LocalDate::parse)
                    .sorted()
                    .toList();
        }
    }

    /** The segment's path relative to its day directory, as the manifest lists it. */
    public String segmentPath(String camera, Instant start) {
        ZonedDateTime local = start.atZone(zone);
        return HOUR.format(local) + "/" + camera + "_" + STAMP.format(local) + SEGMENT_SUFFIX;
    }

    /** When a segment named by {@link #segmentPath} started, read back from its file name; empty for any other name. */
    public Optional<Instant> segmentStart(String fileName) {
        int stamp = fileName.lastIndexOf('_') + 1;
        if (stamp == 0 || !fileName.endsWith(SEGMENT_SUFFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    LocalDateTime.parse(fileName.substring(stamp, fileName.length() - SEGMENT_SUFFIX.length()), STAMP)
                            .atZone(zone)
                            .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The key a {@link SegmentStore} files a segment under: {@code site/room/day/HH/name.ts}. */
    public String segmentKey(String room, Instant start, String camera) {
        return site + "/" + room + "/" + day(start) + "/" + segmentPath(camera, start);
    }

    public String segmentKey(String room, LocalDate day, String relativePath) {
        return site + "/" + room + "/" + day + "/" + relativePath;
    }

    /** The key of everything kept for the room: {@code site/room/}. */
    public String roomKey(String room) {
        return site + "/" + room + "/";
    }

    /** The key of the day's folder: {@code site/room/day/}. */
    public String dayKey(String room, LocalDate day) {
        return segmentKey(room, day, "");
    }

    public String manifestKey(String room, LocalDate day) {
        return segmentKey(room, day, ManifestLog.FILE_NAME);
    }

    public String dayIndexKey(String room) {
        return roomKey(room) + DayIndex.FILE_NAME;
    }

    /** The key of a file under the archive root, such as a manifest. */
    public String key(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
