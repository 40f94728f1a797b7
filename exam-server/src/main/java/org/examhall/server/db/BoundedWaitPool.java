package org.examhall.server.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;

/**
 * A pool that bounds the wait for a connection itself; build the pool it wraps without a connection
 * timeout ({@code PoolOptions.setConnectionTimeout(0)}). Vert.x 5.0's pool cancels a waiter that
 * timed out even when a returned connection was already handed to it, and then fails the waiter's
 * promise a second time: {@code IllegalStateException: Promise already completed}, unhandled on an
 * event loop, whenever requests wait about as long as the timeout (issue 16, at 10,000 terminals;
 * fixed upstream in vert.x 5.1.3, eclipse-vertx/vert.x#6170). Here a wait that outlasts the bound
 * fails the caller once, and a connection that arrives after that goes straight back to the pool.
 * One-shot queries ({@code pool.query}, {@code pool.preparedQuery}) take their connection the same way.
 */
public final class BoundedWaitPool implements Pool {

    private final Vertx vertx;
    private final Pool pool;
    private final long maxWaitMs;

    public BoundedWaitPool(Vertx vertx, Pool pool, long maxWaitMs) {
        this.vertx = vertx;
        this.pool = pool;
        this.maxWaitMs = maxWaitMs;
    }

    @Override
    public Future<SqlConnection> getConnection() {
        Promise<SqlConnection> connection = Promise.promise();
        long timer = vertx.setTimer(
                maxWaitMs,
                id -> connection.tryFail(
                        new VertxException("Timeout waiting for a database connection (" + maxWaitMs + " ms)", true)));
        pool.getConnection().onComplete(acquired -> {
            vertx.cancelTimer(timer);
            if (acquired.failed()) {
                connection.tryFail(acquired.cause());
            } else if (!connection.tryComplete(acquired.result())) {
                acquired.result().close();
            }
        });
        return connection.future();
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return new OnConnection<>(connection -> connection.query(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return new PreparedOnConnection<>(connection -> connection.preparedQuery(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return new PreparedOnConnection<>(connection -> connection.preparedQuery(sql, options));
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }

    @Override
    public int size() {
        return pool.size();
    }

    private final class OnConnection<T> implements Query<T> {

        private final Function<SqlConnection, Query<T>> query;

        OnConnection(Function<SqlConnection, Query<T>> query) {
            this.query = query;
        }

        @Override
        public Future<T> execute() {
            return BoundedWaitPool.this.withConnection(
                    connection -> query.apply(connection).execute());
        }

        @Override
        public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new OnConnection<>(connection -> query.apply(connection).collecting(collector));
        }

        @Override
        public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new OnConnection<>(connection -> query.apply(connection).mapping(mapper));
        }
    }

    private final class PreparedOnConnection<T> implements PreparedQuery<T> {

        private final Function<SqlConnection, PreparedQuery<T>> query;

        PreparedOnConnection(Function<SqlConnection, PreparedQuery<T>> query) {
            this.query = query;
        }

        @Override
        public Future<T> execute() {
            return BoundedWaitPool.this.withConnection(
                    connection -> query.apply(connection).execute());
        }

        @Override
        public Future<T> execute(Tuple tuple) {
            return BoundedWaitPool.this.withConnection(
                    connection -> query.apply(connection).execute(tuple));
        }

        @Override
        public Future<T> executeBatch(List<Tuple> batch) {
            return BoundedWaitPool.this.withConnection(
                    connection -> query.apply(connection).executeBatch(batch));
        }

        @Override
        public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new PreparedOnConnection<>(
                    connection -> query.apply(connection).collecting(collector));
        }

        @Override
        public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new PreparedOnConnection<>(
                    connection -> query.apply(connection).mapping(mapper));
        }
    }
}
