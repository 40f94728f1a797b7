package org.examhall.server.audit;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
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
    api.add(HttpMethod.GET, "/api/audit/entries", Access.roles(Role.AUDITOR), "Page through audit entries", this::entries);
  }

  private Future<Reply> entries(RoutingContext ctx) {
    long after = longParam(ctx, "after", 0);
    long limit = Math.min(longParam(ctx, "limit", 100), 1000);
    // What was audited before this request is chained first, so an auditor never misses a fresh entry.
    return chainer.flush().compose(x -> pool.preparedQuery("SELECT seq, occurred_at, actor, actor_role, action, target,"
            + " request_id, details, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2")
        .execute(Tuple.of(after, limit)))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(row -> out.add(new JsonObject()
              .put("seq", row.getLong("seq"))
              .put("occurredAt", row.getOffsetDateTime("occurred_at").toInstant().toString())
              .put("actor", row.getString("actor"))
              .put("actorRole", row.getString("actor_role"))
              .put("action", row.getString("action"))
              .put("target", row.getString("target"))
              .put("requestId", row.getString("request_id"))
              .put("details", new JsonObject(row.getString("details")))
              .put("hash", row.getString("hash"))));
          return Reply.ok(new JsonObject().put("entries", out));
        });
  }

  private static long longParam(RoutingContext ctx, String name, long fallback) {
    String value = ctx.request().getParam(name);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw Errors.invalid("参数 " + name + " 必须是非负整数", "parameter " + name + " must be a non-negative integer");
    }
  }
}
