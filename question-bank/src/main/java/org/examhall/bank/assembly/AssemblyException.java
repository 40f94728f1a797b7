package org.examhall.bank.assembly;

import org.examhall.bank.LocalizedText;

/**
 * No paper can be drawn that meets the blueprint. Names the constraint that could not be met and by
 * how much, so a bureau knows which questions to write or activate.
 *
 * @see PoolCheck
 */
public final class AssemblyException extends RuntimeException {

    private final String constraint;
    private final int needed;
    private final int available;
    private final transient LocalizedText text;

    public AssemblyException(String constraint, int needed, int available, LocalizedText text) {
        super(text.toString());
        this.constraint = constraint;
        this.needed = needed;
        this.available = available;
        this.text = text;
    }

    static AssemblyException of(PoolCheck check) {
        return new AssemblyException(check.constraint(), check.needed(), check.available(), check.message());
    }

    /** A machine-readable name of the constraint, e.g. {@code SINGLE_CHOICE/knowledgePoint=触电急救}. */
    public String constraint() {
        return constraint;
    }

    public int needed() {
        return needed;
    }

    public int available() {
        return available;
    }

    public int shortfall() {
        return needed - available;
    }

    public LocalizedText text() {
        return text;
    }
}
