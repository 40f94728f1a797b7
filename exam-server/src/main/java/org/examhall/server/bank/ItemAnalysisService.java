package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.examhall.bank.analysis.ItemAnalysis;
import org.examhall.bank.analysis.SessionTally;
import org.examhall.bank.question.Question;

/**
 * Item analysis of every scored sitting, kept incrementally: each session is tallied (on a worker)
 * when it first has scored sittings and again only when one of its sittings is scored or changes, and
 * the statistics are the tallies added up. Each read first asks the database for every session's
 * count and newest hand-in, so every node shows the latest sitting without being told, and a new
 * sitting costs one session's tally, not a pass over every sitting the bureau has ever scored.
 */
final class ItemAnalysisService {

    private record Tallied(ScoredSittings.Fingerprint fingerprint, SessionTally tally) {}

    private record Cached(Map<Long, ScoredSittings.Fingerprint> fingerprints, ItemAnalysis.Report report) {}

    private final Vertx vertx;
    private final BankStore store;
    private final ScoredSittings sittings;
    private final Map<Long, Tallied> sessions = new ConcurrentHashMap<>();
    private final AtomicReference<Cached> cached = new AtomicReference<>();

    ItemAnalysisService(Vertx vertx, BankStore store, ScoredSittings sittings) {
        this.vertx = vertx;
        this.store = store;
        this.sittings = sittings;
    }

    Future<ItemAnalysis.Report> report() {
        return sittings.fingerprints().compose(current -> {
            Cached last = cached.get();
            if (last != null && last.fingerprints().equals(current)) {
                return Future.succeededFuture(last.report());
            }
            sessions.keySet().retainAll(current.keySet());
            List<Long> stale = current.keySet().stream()
                    .filter(id -> !Objects.equals(current.get(id), fingerprint(id)))
                    .toList();
            return tally(stale, current)
                    .compose(x -> store.latest())
                    .compose(snapshot -> vertx.executeBlocking(
                            () -> ItemAnalysis.report(
                                    sessions.values().stream()
                                            .map(Tallied::tally)
                                            .toList(),
                                    ref -> snapshot.bank()
                                            .find(ref)
                                            .map(Question::content)
                                            .orElse(null)),
                            false))
                    .map(report -> {
                        cached.set(new Cached(current, report));
                        return report;
                    });
        });
    }

    private ScoredSittings.Fingerprint fingerprint(long session) {
        Tallied tallied = sessions.get(session);
        return tallied == null ? null : tallied.fingerprint();
    }

    /** Tallies the sessions that are new or changed since they were last tallied. */
    private Future<Void> tally(List<Long> stale, Map<Long, ScoredSittings.Fingerprint> current) {
        if (stale.isEmpty()) {
            return Future.succeededFuture();
        }
        return sittings.load(stale)
                .compose(loaded -> vertx.executeBlocking(
                        () -> {
                            ScoredSittings.read(loaded)
                                    .forEach((session, scored) -> sessions.put(
                                            session, new Tallied(current.get(session), ItemAnalysis.tally(scored))));
                            return null;
                        },
                        false));
    }
}
