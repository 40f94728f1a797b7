package org.examhall.bank.assembly;

import org.examhall.bank.LocalizedText;

/**
 * How many active questions one constraint of a blueprint needs and how many the bank has for it.
 *
 * @param constraint a machine-readable name, e.g. {@code SINGLE_CHOICE/difficulty=4-5}
 * @param message    the need and the supply in words, for an editor or an error
 */
public record PoolCheck(String constraint, int needed, int available, LocalizedText message) {

    public boolean sufficient() {
        return available >= needed;
    }

    public int shortfall() {
        return Math.max(0, needed - available);
    }
}
