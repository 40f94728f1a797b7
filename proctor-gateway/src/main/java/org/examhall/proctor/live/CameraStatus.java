package org.examhall.proctor.live;

import org.examhall.proctor.ingest.ConnectionListener;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which cameras are delivering media right now, for the room list the proctor console polls. */
public final class CameraStatus implements ConnectionListener {

    public record State(boolean online, Instant since, String reason) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    public State state(String camera) {
        return states.getOrDefault(camera, new State(false, null, "not connected yet"));
    }

    @Override
    public void connected(String camera, Instant at) {
        states.put(camera, new State(true, at, null));
    }

    @Override
    public void disconnected(String camera, Instant lastMediaAt, String reason) {
        states.put(camera, new State(false, lastMediaAt, reason));
    }
}
