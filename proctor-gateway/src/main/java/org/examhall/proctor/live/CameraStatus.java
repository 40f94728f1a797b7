package org.examhall.proctor.live;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.examhall.proctor.archive.ArchiveHealth;
import org.examhall.proctor.ingest.ConnectionListener;

/**
 * Which cameras of a room are delivering media and being archived right now, for the room list the proctor
 * console polls and for the gateway's metrics.
 */
public final class CameraStatus implements ConnectionListener, ArchiveHealth {

    public record State(boolean online, Instant since, String reason) {}

    /** Whether the archive takes the camera's packets; {@code failures} counts the times it stopped. */
    public record Archive(boolean failing, Instant since, String reason, long failures) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, Archive> archives = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> connections = new ConcurrentHashMap<>();

    public State state(String camera) {
        return states.getOrDefault(camera, new State(false, null, "not connected yet"));
    }

    public Archive archive(String camera) {
        return archives.getOrDefault(camera, new Archive(false, null, null, 0));
    }

    public long connections(String camera) {
        AtomicLong count = connections.get(camera);
        return count == null ? 0 : count.get();
    }

    @Override
    public void connected(String camera, Instant at) {
        states.put(camera, new State(true, at, null));
        connections.computeIfAbsent(camera, c -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void disconnected(String camera, Instant lastMediaAt, String reason) {
        states.put(camera, new State(false, lastMediaAt, reason));
    }

    @Override
    public void failing(String camera, Instant since, String reason) {
        archives.merge(
                camera,
                new Archive(true, since, reason, 1),
                (old, now) -> new Archive(true, since, reason, old.failures() + 1));
    }

    @Override
    public void recovered(String camera, Instant at) {
        archives.computeIfPresent(camera, (c, old) -> new Archive(false, at, null, old.failures()));
    }
}
