package org.examhall.proctor.archive;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.examhall.proctor.ingest.ConnectionListener;
import org.examhall.proctor.manifest.ManifestBook;

/**
 * Puts every stretch without video into the manifest, so a missing hour reads "camera offline from..to"
 * rather than looking like a deleted file. A gap is written when the camera comes back (only then is its
 * end known), or when the gateway stops with the camera still away.
 */
public final class GapRecorder implements ConnectionListener {

    private final String room;
    private final ManifestBook manifests;
    private final Clock clock;
    private final Map<String, Instant> offlineSince = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();

    public GapRecorder(String room, ManifestBook manifests, Clock clock) {
        this.room = room;
        this.manifests = manifests;
        this.clock = clock;
    }

    /** Seeds the camera's last archived moment from before a restart, so the downtime itself is a gap. */
    public synchronized void lastArchived(String camera, Instant end) {
        offlineSince.put(camera, end);
        reasons.put(camera, "gateway not recording (stopped or crashed)");
    }

    @Override
    public synchronized void connected(String camera, Instant at) {
        Instant from = offlineSince.remove(camera);
        String reason = reasons.remove(camera);
        if (from != null && at.isAfter(from)) {
            manifests.recordGap(room, camera, from, at, reason);
        }
    }

    @Override
    public synchronized void disconnected(String camera, Instant lastMediaAt, String reason) {
        offlineSince.put(camera, lastMediaAt);
        reasons.put(camera, "camera offline: " + reason);
    }

    /** Closes the open gaps at shutdown. */
    public synchronized void close() {
        Instant now = clock.instant();
        offlineSince.forEach((camera, from) -> {
            if (now.isAfter(from)) {
                manifests.recordGap(room, camera, from, now, reasons.get(camera) + "; gateway stopped");
            }
        });
        offlineSince.clear();
    }
}
