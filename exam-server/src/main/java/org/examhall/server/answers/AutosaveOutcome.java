package org.examhall.server.answers;

/** What became of one autosave once its batch committed. */
public enum AutosaveOutcome {
    /** Newly stored; durable. */
    STORED,
    /** This sequence number was stored before (a resend); the first stored content stands. */
    DUPLICATE,
    /** Not taking answers from this terminal: not started, paused, submitted, past the deadline, or moved to another terminal. */
    NOT_ANSWERING
}
