package org.examhall.server.http;

/** Staff roles. Least privilege: each route names exactly the roles that may call it. */
public enum Role {
    /** The emergency-management bureau: bank, sessions, staff. */
    BUREAU_ADMIN,
    /** Watches a room, checks candidates in, records incidents. */
    PROCTOR,
    /** A training institution: applications for its trainees only; never the bank, papers or unpublished scores. */
    INSTITUTION,
    /** Reads the audit chain and records; changes nothing. */
    AUDITOR;

    /** Roles whose accounts must use a second factor outside demo mode. */
    public boolean requiresSecondFactor() {
        return this == BUREAU_ADMIN || this == PROCTOR;
    }
}
