package org.examhall.server.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.Optional;

/**
 * The signed-in staff member, kept in the (cluster-wide) web session as plain strings so that any
 * node can read it.
 */
public record StaffPrincipal(long staffId, String username, Role role, String csrfToken) {

    private static final String ID = "staff.id";
    private static final String USERNAME = "staff.username";
    private static final String ROLE = "staff.role";
    private static final String CSRF = "staff.csrf";

    public void storeIn(Session session) {
        session.put(ID, Long.toString(staffId));
        session.put(USERNAME, username);
        session.put(ROLE, role.name());
        session.put(CSRF, csrfToken);
    }

    public static Optional<StaffPrincipal> of(RoutingContext ctx) {
        Session session = ctx.session();
        if (session == null || session.get(ID) == null) {
            return Optional.empty();
        }
        return Optional.of(new StaffPrincipal(
                Long.parseLong(session.get(ID)),
                session.get(USERNAME),
                Role.valueOf(session.get(ROLE)),
                session.get(CSRF)));
    }

    /** For handlers behind an access check, where a principal is guaranteed. */
    public static StaffPrincipal required(RoutingContext ctx) {
        return of(ctx).orElseThrow(Errors.UNAUTHENTICATED::exception);
    }
}
