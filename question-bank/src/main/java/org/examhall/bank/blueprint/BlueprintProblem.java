package org.examhall.bank.blueprint;

import org.examhall.bank.LocalizedText;

/**
 * One thing wrong with a blueprint.
 *
 * @param field where, as a path an editor can highlight: {@code passMark}, {@code sections[1].count}
 */
public record BlueprintProblem(String field, LocalizedText reason) {

    static BlueprintProblem of(String field, String zh, String en) {
        return new BlueprintProblem(field, new LocalizedText(zh, en));
    }
}
