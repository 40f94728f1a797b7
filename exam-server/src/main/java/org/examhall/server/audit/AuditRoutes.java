package org.examhall.server.audit;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;

/** Read-only access to the audit chain, for auditors only. */
public final class AuditRoutes {

  private final Pool pool;
  private final AuditChainVerifier verifier;
  private final AuditChainer chainer;

  public AuditRoutes(Pool pool, AuditChainVerifier verifier, AuditChainer chainer) {
    this.pool = pool;
    this.verifier = verifier;
    this.chainer = chainer;
  }

  public void register(ApiRouter api) {
    api.add(HttpMethod.GET, "/api/audit/verify", Access.roles(Role.AUDITOR),
        "Recompute the audit hash chain and report the first broken entry",
        ctx -> chainer.flush().compose(x -> chainer.latestAnchor()).compose(verifier::verify).map(r -> Reply.ok(r.toJson())));
    api.add(HttpMethod.GET, "/api/audit/entries", Access.roles(Role.AUDITOR), "Page through audit entries, filtered by time range, actor, action and target", this::entries);
  }

  private Future<Reply> entries(RoutingContext ctx) {
    AuditQuery query = AuditQuery.of(ctx.queryParams());
    // What was audited before this request is chained first, so an auditor never misses a fresh entry.
    return chainer.flush().compose(x -> pool.preparedQuery(query.sql()).execute(query.arguments()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(row -> {
            if (out.size() < query.limit()) {
              out.add(entry(row));
            }
          });
          boolean more = rows.size() > query.limit();
          Long next = more ? out.getJsonObject(out.size() - 1).getLong("seq") : null;
          return Reply.ok(new JsonObject().put("entries", out).put("hasMore", more).put("next", next));
        });
  }

  private static JsonObject entry(Row row) {
    return new JsonObject()
        .put("seq", row.getLong("seq"))
        .put("occurredAt", row.getOffsetDateTime("occurred_at").toInstant().toString())
        .put("actor", row.getString("actor"))
        .put("actorRole", row.getString("actor_role"))
        .put("action", row.getString("action"))
        .put("target", row.getString("target"))
        .put("requestId", row.getString("request_id"))
        .put("details", new JsonObject(row.getString("details")))
        .put("hash", row.getString("hash"));
  }
}
