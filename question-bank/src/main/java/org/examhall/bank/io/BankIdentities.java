package org.examhall.bank.io;

import java.util.HashMap;
import java.util.Map;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;

/**
 * The identity of every newest question version of one bank version, for finding duplicates. Folding
 * every stem and option of a large bank takes a while, so a server builds this on a worker ahead of
 * the import's transaction and hands it in.
 */
public final class BankIdentities {

    /** Where a question was first seen, and what it is. */
    record Seen(LocalizedText where, QuestionIdentity identity) {}

    private final long bankVersion;
    private final Map<QuestionIdentity, Seen> byQuestion;

    private BankIdentities(long bankVersion, Map<QuestionIdentity, Seen> byQuestion) {
        this.bankVersion = bankVersion;
        this.byQuestion = byQuestion;
    }

    public static BankIdentities of(QuestionBank bank) {
        Map<QuestionIdentity, Seen> byQuestion = new HashMap<>();
        for (Question question : bank.latestVersions()) {
            QuestionIdentity identity = QuestionIdentity.of(question.content());
            byQuestion.put(
                    identity.withoutKey(),
                    new Seen(
                            new LocalizedText("题库中的试题 " + question.id(), "question " + question.id() + " of the bank"),
                            identity));
        }
        return new BankIdentities(bank.version(), byQuestion);
    }

    /** {@code prepared} if it was built from {@code bank}'s version, else the bank's own. */
    static BankIdentities of(QuestionBank bank, BankIdentities prepared) {
        return prepared != null && prepared.bankVersion == bank.version() ? prepared : of(bank);
    }

    /** A mutable copy, to which an import adds its rows as it goes. */
    Map<QuestionIdentity, Seen> copy() {
        return new HashMap<>(byQuestion);
    }
}
