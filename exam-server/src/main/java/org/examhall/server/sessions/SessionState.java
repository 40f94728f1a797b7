package org.examhall.server.sessions;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an exam session: scheduled → check-in → running → closed → scored. Only these
 * forward steps exist; a closed session never reopens, because its room record is signed.
 */
public enum SessionState {
    SCHEDULED,
    CHECK_IN,
    RUNNING,
    CLOSED,
    SCORED;

    public Set<SessionState> next() {
        return switch (this) {
            case SCHEDULED -> EnumSet.of(CHECK_IN);
            case CHECK_IN -> EnumSet.of(RUNNING);
            case RUNNING -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.of(SCORED);
            case SCORED -> EnumSet.noneOf(SessionState.class);
        };
    }

    public boolean canMoveTo(SessionState target) {
        return next().contains(target);
    }
}
