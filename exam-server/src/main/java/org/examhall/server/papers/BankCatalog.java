package org.examhall.server.papers;

import io.vertx.core.Future;
import java.util.Optional;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.QuestionBank;

/**
 * The unified bank as exam delivery needs it: an immutable snapshot of the current bank (its
 * version changes with every edit) and the blueprints. Implemented by the bank's store.
 */
public interface BankCatalog {

    /** The current bank; cheap to call repeatedly (implementations cache the snapshot per version). */
    Future<QuestionBank> currentBank();

    Future<Optional<Blueprint>> blueprint(String id);

    CategoryTree categories();
}
