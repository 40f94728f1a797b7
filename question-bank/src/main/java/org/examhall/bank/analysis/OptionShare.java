package org.examhall.bank.analysis;

/**
 * How often one option was chosen, overall and in the top and bottom 27 % of candidates.
 *
 * @param label       the option's letter in the question's written order
 * @param key         whether it is (part of) the key
 * @param neverChosen a distractor nobody chose: it distracts no one and may as well not be there
 */
public record OptionShare(
        char label, boolean key, double share, double upperShare, double lowerShare, boolean neverChosen) {}
