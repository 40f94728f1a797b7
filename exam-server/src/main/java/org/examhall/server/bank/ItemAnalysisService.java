package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.examhall.bank.analysis.ItemAnalysis;
import org.examhall.bank.question.Question;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Item analysis of every scored sitting, computed on a worker and kept until another sitting is
 * scored: each read first asks the database whether anything was handed in since, so every node
 * shows the statistics of the latest sitting without being told.
 */
final class ItemAnalysisService {

  private record Cached(ScoredSittings.Fingerprint fingerprint, ItemAnalysis.Report report) {
  }

  private final Vertx vertx;
  private final BankStore store;
  private final ScoredSittings sittings;
  private final AtomicReference<Cached> cached = new AtomicReference<>();

  ItemAnalysisService(Vertx vertx, BankStore store, ScoredSittings sittings) {
    this.vertx = vertx;
    this.store = store;
    this.sittings = sittings;
  }

  Future<ItemAnalysis.Report> report() {
    return sittings.fingerprint().compose(fingerprint -> {
      Cached current = cached.get();
      if (current != null && current.fingerprint().equals(fingerprint)) {
        return Future.succeededFuture(current.report());
      }
      return sittings.load().compose(loaded -> store.latest().compose(snapshot -> vertx.executeBlocking(() ->
              ItemAnalysis.of(ScoredSittings.read(loaded),
                  ref -> snapshot.bank().find(ref).map(Question::content).orElse(null)), false)))
          .map(report -> {
            cached.set(new Cached(fingerprint, report));
            return report;
          });
    });
  }
}
