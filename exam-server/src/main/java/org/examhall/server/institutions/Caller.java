package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Role;
import org.examhall.server.http.StaffPrincipal;

/**
 * Who calls an institution route: the bureau (sees everything) or an institution's contact
 * (sees its own records only; anything else is "not found", so other institutions' records are not
 * even confirmed to exist).
 *
 * @param institutionId the caller's institution, or null for the bureau
 */
record Caller(StaffPrincipal principal, Long institutionId, Actor actor) {

    static Future<Caller> of(SqlClient client, RoutingContext ctx) {
        StaffPrincipal principal = StaffPrincipal.required(ctx);
        Actor actor = Actor.of(ctx);
        if (principal.role() != Role.INSTITUTION) {
            return Future.succeededFuture(new Caller(principal, null, actor));
        }
        return client.preparedQuery("SELECT institution_id FROM staff_account WHERE id = $1")
                .execute(Tuple.of(principal.staffId()))
                .compose(rows -> {
                    Long id = rows.size() == 0 ? null : rows.iterator().next().getLong("institution_id");
                    return id == null
                            ? Future.failedFuture(InstitutionErrors.NOT_LINKED.exception())
                            : Future.succeededFuture(new Caller(principal, id, actor));
                });
    }

    boolean isInstitution() {
        return institutionId != null;
    }

    /** Whether the caller may see a record owned by {@code ownerInstitutionId}. */
    boolean mayAccess(long ownerInstitutionId) {
        return institutionId == null || institutionId == ownerInstitutionId;
    }

    /** The institution a caller acts for; the bureau names it explicitly where it acts for one. */
    long requireInstitution() {
        if (institutionId == null) {
            throw InstitutionErrors.NOT_LINKED.exception();
        }
        return institutionId;
    }

    /**
     * Every access by an institution is audited, reads included: the bureau can see what each
     * institution looked at and when. Bureau reads are not logged here.
     */
    <T> Future<T> auditRead(AuditLog audit, String action, String target, JsonObject details, T value) {
        if (!isInstitution()) {
            return Future.succeededFuture(value);
        }
        return audit.append(actor.entry(action, target, details.copy().put("institutionId", institutionId)))
                .map(value);
    }
}
