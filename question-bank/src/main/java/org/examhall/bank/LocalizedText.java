package org.examhall.bank;

import java.util.Objects;

/**
 * A message for people in Chinese (what bureau staff read) and English (what logs and developers read).
 * Every error that reaches a person carries both, so the server can answer in either language without
 * translating here.
 */
public record LocalizedText(String zh, String en) {

    public LocalizedText {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    @Override
    public String toString() {
        return en + " / " + zh;
    }
}
