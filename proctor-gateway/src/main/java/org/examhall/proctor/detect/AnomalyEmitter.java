package org.examhall.proctor.detect;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * Gives one camera's detector transitions their identity: an id per event, the room and camera, the clip
 * link; and reports each event when it starts and again when it ends.
 */
public final class AnomalyEmitter {

    private final String site;
    private final String room;
    private final String camera;
    private final AnomalySink sink;
    private final ClipLinks links;
    private final Map<AnomalyType, Anomaly> open = new EnumMap<>(AnomalyType.class);

    public AnomalyEmitter(String site, String room, String camera, AnomalySink sink, ClipLinks links) {
        this.site = site;
        this.room = room;
        this.camera = camera;
        this.sink = sink;
        this.links = links;
    }

    public synchronized void started(AnomalyType type, Instant at, double confidence, Detail detail) {
        if (open.containsKey(type)) {
            return;
        }
        Anomaly anomaly = new Anomaly(
                UUID.randomUUID().toString(),
                site,
                room,
                camera,
                type,
                at,
                null,
                confidence,
                links.playback(room, camera, at, null),
                detail);
        open.put(type, anomaly);
        sink.report(anomaly);
    }

    public synchronized void ended(AnomalyType type, Instant at, double confidence) {
        Anomaly started = open.remove(type);
        if (started == null) {
            return;
        }
        Instant end = at.isBefore(started.startedAt()) ? started.startedAt() : at;
        sink.report(new Anomaly(
                started.id(),
                site,
                room,
                camera,
                type,
                started.startedAt(),
                end,
                Math.max(started.confidence(), confidence),
                links.playback(room, camera, started.startedAt(), end),
                started.detail()));
    }

    /** An event known only after it is over (a hole found in the media timeline). */
    public synchronized void whole(AnomalyType type, Instant from, Instant to, double confidence, Detail detail) {
        sink.report(new Anomaly(
                UUID.randomUUID().toString(),
                site,
                room,
                camera,
                type,
                from,
                to,
                confidence,
                links.playback(room, camera, from, to),
                detail));
    }

    /** Applies a detector's transition, if any, to {@code type}. */
    public void apply(AnomalyType type, ConditionTracker.Transition transition, Instant anchor, Detail detail) {
        if (transition == null) {
            return;
        }
        Instant at = anchor.plusNanos((long) (transition.at() * 1e9));
        if (transition.started()) {
            started(type, at, transition.confidence(), detail);
        } else {
            ended(type, at, transition.confidence());
        }
    }
}
