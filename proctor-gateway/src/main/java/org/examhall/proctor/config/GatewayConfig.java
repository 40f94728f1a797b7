package org.examhall.proctor.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.examhall.protocol.config.ConfigException;

/**
 * The whole gateway configuration as read from YAML: one site, its rooms and their cameras, and where
 * the archive, the keys and the exam server are. Defaults live in the compact constructors so a minimal
 * file (site, archive root, rooms) is enough for a site install.
 */
public record GatewayConfig(
        String site,
        ZoneId timeZone,
        Path dataDir,
        boolean demo,
        ArchiveSettings archive,
        SigningSettings signing,
        ExamServerSettings examServer,
        HttpSettings http,
        LiveSettings live,
        DetectionSettings detection,
        List<RoomConfig> rooms) {

    public GatewayConfig {
        if (site == null || site.isBlank()) {
            throw new ConfigException("site is required");
        }
        timeZone = timeZone == null ? ZoneId.of("Asia/Shanghai") : timeZone;
        dataDir = dataDir == null ? Path.of("gateway-data") : dataDir;
        archive = archive == null ? new ArchiveSettings(null, 0, 0, false, null) : archive;
        if (archive.root() == null) {
            archive = archive.withRoot(dataDir.resolve("archive"));
        }
        signing = signing == null ? new SigningSettings(null, null) : signing;
        examServer = examServer == null ? new ExamServerSettings(null, null) : examServer;
        http = http == null ? new HttpSettings(0, null) : http;
        live = live == null ? new LiveSettings(0, 0) : live;
        detection = detection == null ? DetectionSettings.defaults() : detection;
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
    }

    public RoomConfig room(String roomId) {
        return rooms.stream()
                .filter(r -> r.id().equals(roomId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown room " + roomId));
    }

    /** Where the live HLS playlists are written: scratch space, not part of the archive. */
    public Path liveDir() {
        return dataDir.resolve("live");
    }

    /** Segments downloaded from an object store for FFmpeg (playback, clips); kept an hour. */
    public Path archiveCacheDir() {
        return dataDir.resolve("archive-cache");
    }

    public Path clipsDir() {
        return dataDir.resolve("clips");
    }

    public Path holdsFile() {
        return dataDir.resolve("holds.json");
    }

    public Path outboxFile() {
        return dataDir.resolve("anomaly-outbox.jsonl");
    }

    public Path headOutboxFile() {
        return dataDir.resolve("archive-head-outbox.jsonl");
    }
}
