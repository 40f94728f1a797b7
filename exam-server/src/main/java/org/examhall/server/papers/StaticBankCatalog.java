package org.examhall.server.papers;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.QuestionBank;

/** A fixed bank and blueprints held in memory: for tools and benchmarks that assemble papers without a database. */
public record StaticBankCatalog(CategoryTree categories, QuestionBank bank, List<Blueprint> blueprints)
        implements BankCatalog {

    @Override
    public Future<QuestionBank> currentBank() {
        return Future.succeededFuture(bank);
    }

    @Override
    public Future<Optional<Blueprint>> blueprint(String id) {
        return Future.succeededFuture(
                blueprints.stream().filter(b -> b.id().equals(id)).findFirst());
    }
}
