package org.examhall.proctor.ingest;

import java.time.Instant;
import java.util.List;

/** Told when a camera starts and stops delivering media, to record gaps and flag an offline camera. */
public interface ConnectionListener {

    void connected(String camera, Instant at);

    /**
     * @param lastMediaAt the time of the last packet received, i.e. the start of the gap
     */
    void disconnected(String camera, Instant lastMediaAt, String reason);

    /** Tells each listener in turn. */
    static ConnectionListener all(List<ConnectionListener> listeners) {
        List<ConnectionListener> copy = List.copyOf(listeners);
        return new ConnectionListener() {
            @Override
            public void connected(String camera, Instant at) {
                copy.forEach(l -> l.connected(camera, at));
            }

            @Override
            public void disconnected(String camera, Instant lastMediaAt, String reason) {
                copy.forEach(l -> l.disconnected(camera, lastMediaAt, reason));
            }
        };
    }
}
