package org.examhall.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Audited changes commit side by side and the chainer links them afterwards: nothing committed is
 * lost, nothing rolled back is chained, and two nodes chaining at once still make one unbroken chain.
 */
class AuditChainerTest {

    private final TestServer server = TestServer.shared();

    @Test
    void concurrentChangesAreAllChainedOnceAndRolledBackOnesNever() {
        Pool pool = server.server().pool();
        AuditLog log = server.server().services().audit();
        // A second chainer on the same database, as a second node would run.
        AuditChainer otherNode = new AuditChainer(
                server.server().vertx(),
                pool,
                new AuditLog(pool),
                new AuditAnchors(server.server().config().dataPath().resolve("other-node-anchors.jsonl")));
        String committed = "commit-" + UUID.randomUUID();
        String rolledBack = "rollback-" + UUID.randomUUID();
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            AuditEntry entry = new Actor("load", "SYSTEM", committed)
                    .entry("test.concurrent", "item:" + i, new JsonObject().put("i", i));
            work.add(log.append(entry));
            if (i % 15 == 0) {
                AuditEntry doomed = new Actor("load", "SYSTEM", rolledBack)
                        .entry("test.rolled_back", "item:" + i, new JsonObject());
                work.add(pool.withTransaction(
                                tx -> log.append(tx, doomed).compose(id -> Future.failedFuture("the change failed")))
                        .otherwiseEmpty());
            }
            if (i % 50 == 0) {
                work.add(otherNode.flush());
            }
        }
        TestServer.await(Future.all(work));
        TestServer.await(Future.all(server.server().services().auditChain().flush(), otherNode.flush()));

        assertThat(count("SELECT count(*) FROM audit_log WHERE request_id = $1", committed))
                .isEqualTo(300);
        assertThat(count("SELECT count(DISTINCT target) FROM audit_log WHERE request_id = $1", committed))
                .isEqualTo(300);
        assertThat(count("SELECT count(*) FROM audit_pending WHERE request_id = $1", committed))
                .isZero();
        assertThat(count("SELECT count(*) FROM audit_trail WHERE request_id = $1", rolledBack))
                .isZero();
        AuditChainVerifier.Result result = TestServer.await(new AuditChainVerifier(pool).verify());
        assertThat(result.ok()).as(result.toJson().encode()).isTrue();
        assertThat(result.checked()).isEqualTo(count("SELECT max(seq) FROM audit_log WHERE $1 = $1", "x"));
    }

    @Test
    void anEntryLeftPendingByAStoppedNodeIsChainedByTheNextFlush() {
        String requestId = "left-" + UUID.randomUUID();
        // As if a node committed a change and stopped before its chainer ran.
        TestServer.await(server.server()
                .pool()
                .preparedQuery(
                        "INSERT INTO audit_pending (occurred_at, actor, actor_role, action,"
                                + " target, request_id, details) VALUES (now(), 'proctor9', 'PROCTOR', 'sitting.warned', 'sitting:1', $1, '{}')")
                .execute(Tuple.of(requestId)));
        server.chainAudit();
        assertThat(count("SELECT count(*) FROM audit_log WHERE request_id = $1", requestId))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_pending WHERE request_id = $1", requestId))
                .isZero();
        assertThat(TestServer.await(new AuditChainVerifier(server.server().pool()).verify())
                        .ok())
                .isTrue();
    }

    private long count(String sql, String parameter) {
        return TestServer.await(server.server().pool().preparedQuery(sql).execute(Tuple.of(parameter)))
                .iterator()
                .next()
                .getLong(0);
    }
}
