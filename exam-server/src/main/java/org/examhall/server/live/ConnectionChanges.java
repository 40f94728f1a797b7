package org.examhall.server.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which terminals fell silent or came back, as one node works it out, and whether that node is the one
 * to tell the consoles. A node judges each terminal it heard itself from its own times, with no cluster
 * read; only when a verdict flips does it ask what the other members heard, because a terminal whose
 * requests reach several nodes is silent on one of them while the others hear it:
 *
 * <ul>
 *   <li>silent here and heard within the threshold elsewhere: nothing changed on the consoles;
 *   <li>silent everywhere: the node that heard it last reports it, so one push per silence (two on a
 *       tie, and a seat row pushed twice is only drawn twice);
 *   <li>heard again here: reported unless another member heard it within the threshold before this
 *       node's latest beat, in which case that member saw it come back first and reports it.
 * </ul>
 *
 * A terminal never heard counts as silent, so its first beat is reported as it coming back.
 */
final class ConnectionChanges {

    private final long silentAfterMs;
    /** session → sitting → whether this node last judged its terminal connected; guarded by this. */
    private final Map<Long, Map<Long, Boolean>> judged = new HashMap<>();

    ConnectionChanges(long silentAfterMs) {
        this.silentAfterMs = silentAfterMs;
    }

    /** Whether a terminal of the session heard here crossed the threshold since it was last settled. */
    synchronized boolean unsettled(long sessionId, Map<Long, Long> heardHere, long now) {
        Map<Long, Boolean> previous = judged.getOrDefault(sessionId, Map.of());
        return heardHere.entrySet().stream()
                .anyMatch(e -> connected(e.getValue(), now) != previous.getOrDefault(e.getKey(), false));
    }

    /**
     * Judges the session's terminals again, with what the other members heard; returns the sittings whose
     * seats this node pushes.
     */
    synchronized List<Long> settle(
            long sessionId, Map<Long, Long> heardHere, Map<Long, Long> heardElsewhere, long now) {
        Map<Long, Boolean> previous = judged.computeIfAbsent(sessionId, s -> new HashMap<>());
        previous.keySet().retainAll(heardHere.keySet());
        List<Long> report = new ArrayList<>();
        heardHere.forEach((sitting, here) -> {
            boolean connected = connected(here, now);
            if (connected == previous.getOrDefault(sitting, false)) {
                return;
            }
            previous.put(sitting, connected);
            Long elsewhere = heardElsewhere.get(sitting);
            boolean heardElsewhereLately = elsewhere != null && connected(elsewhere, now);
            boolean reported = connected
                    ? !(heardElsewhereLately && elsewhere < here)
                    : !heardElsewhereLately && (elsewhere == null || here >= elsewhere);
            if (reported) {
                report.add(sitting);
            }
        });
        return report;
    }

    /** Forgets the sessions this node no longer remembers hearing. */
    synchronized void retain(Set<Long> sessionIds) {
        judged.keySet().retainAll(sessionIds);
    }

    private boolean connected(long heardAt, long now) {
        return now - heardAt < silentAfterMs;
    }
}
