package org.examhall.server.audit;

import io.vertx.core.http.HttpMethod;
import io.vertx.sqlclient.Pool;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;

/** Read-only access to the audit chain, for auditors only. */
public final class AuditRoutes {

    private final AuditTrail trail;
    private final AuditChainVerifier verifier;
    private final AuditChainer chainer;

    public AuditRoutes(Pool pool, AuditChainVerifier verifier, AuditChainer chainer) {
        this.trail = new AuditTrail(pool, chainer);
        this.verifier = verifier;
        this.chainer = chainer;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.GET,
                "/api/audit/verify",
                Access.roles(Role.AUDITOR),
                "Recompute the audit hash chain and report the first broken entry",
                ctx -> chainer.flush()
                        .compose(x -> chainer.latestAnchor())
                        .compose(verifier::verify)
                        .map(r -> Reply.ok(r.toJson())));
        api.add(
                HttpMethod.GET,
                "/api/audit/entries",
                Access.roles(Role.AUDITOR),
                "Page through audit entries, filtered by time range, actor, action and target",
                ctx -> trail.page(AuditQuery.of(ctx.queryParams())).map(Reply::ok));
    }
}
