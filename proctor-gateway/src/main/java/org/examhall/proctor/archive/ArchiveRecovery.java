package org.examhall.proctor.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.proctor.manifest.ManifestBook;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.proctor.manifest.SegmentRecord;
import org.examhall.protocol.crypto.Sm3;

/**
 * Runs before ingest starts: finds the segments a crash left behind and lists them, so nothing recorded
 * is silently dropped. A {@code .part} file is kept as it is (MPEG-TS plays up to where it was cut),
 * hashed and listed as {@code recovered} with the playable length found; a committed file the manifest
 * does not list (crash between rename and append) is listed likewise. Only the two most recent days are
 * examined: the gateway cannot have been writing further back. Last, the room's day index is brought up to
 * date ({@link ManifestBook#registerDays}).
 */
public final class ArchiveRecovery {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");

    private final ArchiveLayout layout;
    private final SegmentStore store;
    private final ManifestBook manifests;

    public ArchiveRecovery(ArchiveLayout layout, SegmentStore store, ManifestBook manifests) {
        this.layout = layout;
        this.store = store;
        this.manifests = manifests;
    }

    /**
     * Recovers the room and returns, per camera, the last moment the manifest accounts for (end of the
     * last segment or gap): where the downtime gap begins.
     */
    public Map<String, Instant> recover(String room) throws IOException {
        Map<String, Instant> lastEnd = new HashMap<>();
        List<LocalDate> days = layout.days(room);
        for (LocalDate day : days.subList(Math.max(0, days.size() - 2), days.size())) {
            Set<String> listed = new HashSet<>();
            for (ManifestLine line : ManifestReader.read(layout.manifestFile(room, day))) {
                ObjectNode f = line.fields();
                if (f.has("path")) {
                    listed.add(f.get("path").asText());
                }
                // What is already accounted for, recorded or declared a gap, needs no second gap entry.
                if ("segment".equals(line.type())) {
                    lastEnd.merge(
                            f.get("camera").asText(), Instant.parse(f.get("end").asText()), ArchiveRecovery::later);
                } else if ("gap".equals(line.type())) {
                    lastEnd.merge(
                            f.get("camera").asText(), Instant.parse(f.get("to").asText()), ArchiveRecovery::later);
                }
            }
            String prefix = layout.segmentKey(room, day, "");
            for (String key : store.listStaging(prefix)) {
                SegmentRecord record = recoverPartial(room, day, key);
                listed.add(record.path());
                lastEnd.merge(record.camera(), record.end(), ArchiveRecovery::later);
            }
            for (String key : store.listOnDisk(prefix)) {
                String relative = key.substring(prefix.length());
                if (key.endsWith(ArchiveLayout.SEGMENT_SUFFIX) && !listed.contains(relative)) {
                    SegmentRecord record = describe(key, relative, "archived before a crash but not yet listed");
                    manifests.log(room, day).appendSegment(record);
                    lastEnd.merge(record.camera(), record.end(), ArchiveRecovery::later);
                }
            }
        }
        manifests.registerDays(room);
        return lastEnd;
    }

    private SegmentRecord recoverPartial(String room, LocalDate day, String key) throws IOException {
        store.commitRecovered(key);
        String relative = key.substring(layout.segmentKey(room, day, "").length());
        SegmentRecord record = describe(key, relative, "left open by a crash; kept as written");
        manifests.log(room, day).appendSegment(record);
        return record;
    }

    private SegmentRecord describe(String key, String relative, String why) throws IOException {
        String name = relative.substring(
                relative.lastIndexOf('/') + 1, relative.length() - ArchiveLayout.SEGMENT_SUFFIX.length());
        int underscore = name.lastIndexOf('_');
        String camera = name.substring(0, underscore);
        Instant start = LocalDateTime.parse(name.substring(underscore + 1), STAMP)
                .atZone(layout.zone())
                .toInstant();
        Duration playable = SegmentProbe.videoSpan(store.localCopy(key).toString());
        String sm3;
        try (InputStream in = store.open(key)) {
            sm3 = Sm3.hex(in);
        }
        String detail =
                why + "; " + (playable.isZero() ? "no playable video" : "playable for " + playable.toMillis() + " ms");
        return new SegmentRecord(camera, relative, start, start.plus(playable), store.size(key), sm3, true, detail);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
