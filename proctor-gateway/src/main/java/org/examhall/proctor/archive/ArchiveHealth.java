package org.examhall.proctor.archive;

import java.time.Instant;
import java.util.List;

/**
 * Told when a camera's archive stops taking its packets and when it takes them again, so that a room's
 * archive is never silently empty: the proctor console, the gateway's room list and its metrics all show it.
 */
public interface ArchiveHealth {

    void failing(String camera, Instant since, String reason);

    void recovered(String camera, Instant at);

    ArchiveHealth NONE = all(List.of());

    static ArchiveHealth all(List<ArchiveHealth> listeners) {
        List<ArchiveHealth> copy = List.copyOf(listeners);
        return new ArchiveHealth() {
            @Override
            public void failing(String camera, Instant since, String reason) {
                copy.forEach(l -> l.failing(camera, since, reason));
            }

            @Override
            public void recovered(String camera, Instant at) {
                copy.forEach(l -> l.recovered(camera, at));
            }
        };
    }
}
