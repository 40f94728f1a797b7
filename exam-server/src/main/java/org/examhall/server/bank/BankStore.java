package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.io.NationalCategories;
import org.examhall.bank.question.QuestionBank;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.papers.BankCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unified bank as stored in PostgreSQL, with a cached snapshot per node. Reads are served from
 * the snapshot; it is replaced when this node changes the bank, when another node announces a
 * change on the cluster event bus, and (should an announcement be missed) when a periodic look at
 * the version row finds it behind. Every change locks the version row, is computed by the domain
 * library from the bank as it stands in the database, and is written and audited in one transaction.
 */
public final class BankStore implements BankCatalog {

    /** Published (cluster-wide) after every committed change: {@code {"bankVersion", "catalogVersion"}}. */
    public static final String CHANGED_ADDRESS = "examhall.bank.changed";

    private static final Logger LOG = LoggerFactory.getLogger(BankStore.class);
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Vertx vertx;
    private final Pool pool;
    private final AuditLog audit;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile long checkedAt;
    private Future<Snapshot> reloading;
    private Future<Snapshot> followUp;

    public BankStore(Vertx vertx, Pool pool, AuditLog audit) {
        this.vertx = vertx;
        this.pool = pool;
        this.audit = audit;
    }

    /**
     * Writes the national category tree shipped with the question-bank library into an empty category table,
     * loads the snapshot and starts listening for other nodes' changes. Call once, before the node
     * serves requests.
     */
    public Future<Void> start() {
        // Reading the shipped category tree took up to 800 ms of an event loop on a loaded machine (EventLoopGuard).
        return vertx.executeBlocking(NationalCategories::load).compose(this::start);
    }

    Future<Void> start(CategoryTree shippedCategories) {
        return pool.withTransaction(tx -> BankState.lock(tx)
                        .compose(state -> CategoryRows.isEmpty(tx))
                        .compose(empty -> empty
                                ? CategoryRows.insertTree(tx, shippedCategories)
                                        .compose(x -> audit.append(
                                                tx,
                                                Actor.system("bank")
                                                        .entry(
                                                                "bank.categories_seeded",
                                                                "bank:categories",
                                                                new JsonObject()
                                                                        .put(
                                                                                "classes",
                                                                                shippedCategories
                                                                                        .operationClasses()
                                                                                        .size())
                                                                        .put(
                                                                                "employeeCategories",
                                                                                shippedCategories
                                                                                        .employeeCategories()
                                                                                        .size()))))
                                        .compose(x -> BankState.bumpCatalog(tx))
                                        .mapEmpty()
                                : Future.<Void>succeededFuture()))
                .compose(x -> reload())
                .compose(snapshot -> vertx.eventBus()
                        .<JsonObject>consumer(CHANGED_ADDRESS, this::onChanged)
                        .completion())
                .onSuccess(x -> LOG.info(
                        "event=bank_loaded bankVersion={} questions={} blueprints={}",
                        current.get().bank().version(),
                        current.get().bank().size(),
                        current.get().blueprints().size()));
    }

    // ---- reads (BankCatalog) ----

    @Override
    public Future<QuestionBank> currentBank() {
        return cached().map(Snapshot::bank);
    }

    @Override
    public Future<Optional<Blueprint>> blueprint(String id) {
        return cached().map(s -> Optional.ofNullable(s.blueprints().get(id)));
    }

    @Override
    public CategoryTree categories() {
        Snapshot snapshot = current.get();
        if (snapshot == null) {
            throw new IllegalStateException("the bank store has not been started");
        }
        recheckWhenDue();
        return snapshot.categories();
    }

    /**
     * The snapshot as this node has it, checked against the version row at most every two seconds;
     * the check runs in the background, so a hot path never waits for it.
     */
    public Future<Snapshot> cached() {
        Snapshot snapshot = current.get();
        if (snapshot == null) {
            return latest();
        }
        recheckWhenDue();
        return Future.succeededFuture(snapshot);
    }

    /** A change announcement can be missed (a node joining, a message lost): the version row is the truth. */
    private void recheckWhenDue() {
        if (System.nanoTime() - checkedAt > RECHECK_NANOS && checking.compareAndSet(false, true)) {
            latest().onComplete(x -> checking.set(false));
        }
    }

    /** The snapshot as the database has it now: one look at the version row, a reload if behind. */
    public Future<Snapshot> latest() {
        return BankState.read(pool).compose(state -> {
            checkedAt = System.nanoTime();
            Snapshot snapshot = current.get();
            return snapshot != null && snapshot.state().equals(state) ? Future.succeededFuture(snapshot) : reload();
        });
    }

    // ---- changes ----

    /** A change to the questions on behalf of {@code actor}; see {@link #changeQuestions(Actor, Long, IntFunction, Function)}. */
    public <T> Future<T> changeQuestions(Actor actor, Function<QuestionBank, QuestionChange<T>> operation) {
        return changeQuestions(actor, null, written -> Future.succeededFuture(), operation);
    }

    /**
     * Runs {@code operation} on a worker on the bank as it stands, with the version row locked, and writes and
     * audits what it changed in the same transaction. An operation refuses by throwing (an
     * {@link org.examhall.protocol.http.ApiException}); nothing is then written.
     *
     * @param importJobId recorded on the versions this change inserts, or null
     * @param progress    told the rows written so far, after each batch
     */
    public <T> Future<T> changeQuestions(
            Actor actor,
            Long importJobId,
            IntFunction<Future<Void>> progress,
            Function<QuestionBank, QuestionChange<T>> operation) {
        AtomicReference<QuestionBank> committed = new AtomicReference<>();
        return pool.withTransaction(tx -> BankState.lock(tx)
                        .compose(state -> bankAt(tx, state))
                        // An operation checks and folds the whole bank (an import: every row of the file): a worker's
                        // job.
                        .compose(before -> vertx.executeBlocking(() -> operation.apply(before), false)
                                .compose(change -> {
                                    if (change.next() == before) {
                                        return Future.succeededFuture(change.result());
                                    }
                                    QuestionBank after = change.next();
                                    return QuestionRows.write(
                                                    tx,
                                                    before,
                                                    after,
                                                    change.touched(),
                                                    actor.name(),
                                                    importJobId,
                                                    progress)
                                            .compose(written -> BankState.setBankVersion(tx, after.version()))
                                            .compose(x -> appendEvents(tx, actor, change, after.version()))
                                            .map(x -> {
                                                committed.set(after);
                                                return change.result();
                                            });
                                })))
                .onSuccess(result -> {
                    QuestionBank after = committed.get();
                    if (after != null) {
                        current.updateAndGet(old ->
                                old == null || old.bank().version() >= after.version() ? old : old.withBank(after));
                        announce();
                    }
                });
    }

    /**
     * A change to blueprints or categories: {@code write} runs with the version row locked and
     * appends its own audit entries; the catalog version is raised in the same transaction.
     */
    public <T> Future<T> changeCatalog(Function<SqlConnection, Future<T>> write) {
        return pool.withTransaction(tx -> BankState.lock(tx)
                        .compose(state -> write.apply(tx))
                        .compose(result -> BankState.bumpCatalog(tx).map(result)))
                .compose(result -> reload().transform(x -> Future.succeededFuture(result)))
                .onSuccess(result -> announce());
    }

    private Future<QuestionBank> bankAt(SqlConnection tx, BankState state) {
        Snapshot snapshot = current.get();
        if (snapshot != null && snapshot.bank().version() == state.bankVersion()) {
            return Future.succeededFuture(snapshot.bank());
        }
        return QuestionRows.loadAll(tx).map(questions -> QuestionBank.of(state.bankVersion(), questions));
    }

    private <T> Future<Void> appendEvents(SqlConnection tx, Actor actor, QuestionChange<T> change, long bankVersion) {
        Future<Void> chain = Future.succeededFuture();
        for (QuestionChange.Event event : change.events()) {
            JsonObject details = event.details().copy().put("bankVersion", bankVersion);
            chain = chain.compose(x -> audit.append(tx, actor.entry(event.action(), event.target(), details))
                    .mapEmpty());
        }
        return chain;
    }

    // ---- keeping the snapshot current ----

    private void announce() {
        Snapshot snapshot = current.get();
        vertx.eventBus()
                .publish(
                        CHANGED_ADDRESS,
                        new JsonObject()
                                .put("bankVersion", snapshot.bank().version())
                                .put("catalogVersion", snapshot.catalogVersion()));
    }

    private void onChanged(Message<JsonObject> message) {
        Snapshot snapshot = current.get();
        long bankVersion = message.body().getLong("bankVersion", 0L);
        long catalogVersion = message.body().getLong("catalogVersion", 0L);
        if (snapshot == null || bankVersion > snapshot.bank().version() || catalogVersion > snapshot.catalogVersion()) {
            reload().onFailure(e -> LOG.warn("event=bank_reload_failed error={}", e.toString()));
        }
    }

    /**
     * Loads what changed since the cached snapshot, one load at a time. A request during a load gets
     * one more load after it: the running one may have read the state before the change asked about.
     */
    private synchronized Future<Snapshot> reload() {
        if (reloading != null) {
            if (followUp == null) {
                followUp = reloading.transform(x -> {
                    synchronized (this) {
                        followUp = null;
                    }
                    return reload();
                });
            }
            return followUp;
        }
        Snapshot previous = current.get();
        Future<Snapshot> loading = pool.withTransaction(
                        tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                                .execute()
                                .compose(x -> BankState.read(tx))
                                .compose(state -> load(tx, state, previous)))
                .map(loaded -> {
                    checkedAt = System.nanoTime();
                    return current.updateAndGet(old -> old == null || loaded.supersedes(old) ? loaded : old);
                });
        reloading = loading;
        loading.onComplete(x -> {
            synchronized (this) {
                reloading = null;
            }
        });
        return loading;
    }

    private static Future<Snapshot> load(SqlConnection tx, BankState state, Snapshot previous) {
        Future<QuestionBank> bank = previous != null && previous.bank().version() == state.bankVersion()
                ? Future.succeededFuture(previous.bank())
                : QuestionRows.loadAll(tx).map(questions -> QuestionBank.of(state.bankVersion(), questions));
        if (previous != null && previous.catalogVersion() == state.catalogVersion()) {
            return bank.map(previous::withBank);
        }
        return bank.compose(questions -> CategoryRows.load(tx)
                .compose(categories -> BlueprintRows.loadAll(tx)
                        .map(blueprints -> new Snapshot(questions, categories, blueprints, state.catalogVersion()))));
    }
}
