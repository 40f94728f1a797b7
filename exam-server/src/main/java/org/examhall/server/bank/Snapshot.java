package org.examhall.server.bank;

import java.util.Map;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.QuestionBank;

/**
 * One node's cached view of the bank: the question snapshot (named by its bank version) and the
 * catalog of categories and blueprints (named by the catalog version). Immutable; replaced whole.
 */
public record Snapshot(
        QuestionBank bank, CategoryTree categories, Map<String, Blueprint> blueprints, long catalogVersion) {

    public Snapshot {
        blueprints = Map.copyOf(blueprints);
    }

    public BankState state() {
        return new BankState(bank.version(), catalogVersion);
    }

    Snapshot withBank(QuestionBank next) {
        return new Snapshot(next, categories, blueprints, catalogVersion);
    }

    /** Whether this snapshot is at least as new as {@code other} in both versions. */
    boolean supersedes(Snapshot other) {
        return bank.version() >= other.bank.version() && catalogVersion >= other.catalogVersion;
    }
}
