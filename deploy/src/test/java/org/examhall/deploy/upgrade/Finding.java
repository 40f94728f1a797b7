package org.examhall.deploy.upgrade;

/** What one statement of a migration does that a rolling upgrade cannot take as it is. */
record Finding(Kind kind, String statement, String why) {

    enum Kind {
        /** The previous release's code, still running beside the new one, would break. */
        CONTRACT,
        /** The migration holds a lock that stops the old nodes' writes for as long as the table is big. */
        LOCK
    }

    @Override
    public String toString() {
        return kind + " " + statement + ": " + why;
    }
}
