package org.examhall.server.sessions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts sittings: issues each candidate a paper of their own (seeded, recorded) and sets the
 * server-owned deadline. Every candidate's deadline is the session's start plus its duration plus
 * their own extra time, so a candidate admitted late does not get more time than the others.
 */
public final class SittingStarter {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PaperSource papers;
  private final AuditLog audit;

  public SittingStarter(PaperSource papers, AuditLog audit) {
    this.papers = papers;
    this.audit = audit;
  }

  /** Starts every checked-in sitting of a session that is starting now. */
  public Future<Integer> startCheckedIn(SqlConnection tx, long sessionId) {
    return tx.preparedQuery("SELECT id FROM sitting WHERE session_id = $1 AND status = 'CHECKED_IN' AND terminal_id IS NOT NULL ORDER BY id")
        .execute(Tuple.of(sessionId))
        .compose(rows -> {
          List<Long> ids = new ArrayList<>();
          rows.forEach(r -> ids.add(r.getLong("id")));
          Future<Integer> chain = Future.succeededFuture(0);
          for (long id : ids) {
            chain = chain.compose(n -> start(tx, id, Actor.system("session-start")).map(x -> n + 1));
          }
          return chain;
        });
  }

  /** Starts one checked-in sitting of a running session (its paper, its deadline); in the caller's transaction. */
  public Future<Void> start(SqlConnection tx, long sittingId, Actor actor) {
    long seed = RANDOM.nextLong();
    return tx.preparedQuery("""
            SELECT s.id AS session_id, s.blueprint_id, s.running_since, s.duration_minutes, t.extra_seconds
              FROM sitting t JOIN exam_session s ON s.id = t.session_id WHERE t.id = $1""")
        .execute(Tuple.of(sittingId))
        .compose(rows -> {
          Row row = rows.iterator().next();
          return papers.assemble(tx, row.getLong("session_id"), row.getString("blueprint_id"), seed)
              .compose(paper -> tx.preparedQuery("""
                      UPDATE sitting SET status = 'ANSWERING', paper = $2, candidate_paper = $3, paper_seed = $4,
                             item_count = $7, started_at = now(), deadline = $5::timestamptz + make_interval(mins => $6, secs => extra_seconds)
                       WHERE id = $1 AND status = 'CHECKED_IN'""")
                  .execute(Tuple.tuple().addLong(sittingId).addString(paper.serverJson()).addString(paper.candidateJson())
                      .addLong(seed).addOffsetDateTime(row.getOffsetDateTime("running_since"))
                      .addInteger(row.getInteger("duration_minutes")).addInteger(paper.items()))
                  .compose(x -> audit.append(tx, actor.entry("sitting.started", "sitting:" + sittingId,
                      new JsonObject().put("paperSeed", seed).put("items", paper.items())))))
              .mapEmpty();
        });
  }
}
