package org.examhall.server.sessions;

/**
 * Told of each state a session moves to, after its transaction committed. The live room
 * implements it to refresh its consoles; the interface lives here so that sessions, which the live
 * room builds on, does not depend on it in return.
 */
public interface SessionStateListener {

    void sessionChanged(long sessionId, String state);
}
