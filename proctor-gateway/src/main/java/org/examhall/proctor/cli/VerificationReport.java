package org.examhall.proctor.cli;

import java.util.ArrayList;
import java.util.List;

/** What {@code archive-verify} found: problems fail the verification, notes do not. */
public final class VerificationReport {

    public enum Kind {
        MISSING,
        ALTERED,
        EXTRA,
        CHAIN_BROKEN,
        BAD_SIGNATURE,
        UNSEALED,
        PARTIAL,
        DELETED,
        UNWITNESSED
    }

    public record Finding(Kind kind, String where, String detail) {
        @Override
        public String toString() {
            return kind + " " + where + (detail == null ? "" : ": " + detail);
        }
    }

    private final List<Finding> problems = new ArrayList<>();
    private final List<Finding> notes = new ArrayList<>();
    private int segmentsChecked;
    private int sealsChecked;
    private int daysChecked;

    void problem(Kind kind, String where, String detail) {
        problems.add(new Finding(kind, where, detail));
    }

    void note(Kind kind, String where, String detail) {
        notes.add(new Finding(kind, where, detail));
    }

    void checkedSegment() {
        segmentsChecked++;
    }

    void checkedSeal() {
        sealsChecked++;
    }

    void checkedDay() {
        daysChecked++;
    }

    public List<Finding> problems() {
        return List.copyOf(problems);
    }

    public List<Finding> notes() {
        return List.copyOf(notes);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public String summary() {
        return String.format(
                "%d days, %d segments, %d seals checked: %s",
                daysChecked, segmentsChecked, sealsChecked, ok() ? "OK" : problems.size() + " problem(s)");
    }
}
