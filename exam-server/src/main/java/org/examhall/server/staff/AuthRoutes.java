package org.examhall.server.staff;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.sstore.SessionStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.ClientAddress;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.RequestIds;
import org.examhall.server.http.StaffPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-in, sign-out and "who am I" for staff. The session lives in the cluster, so any node honours it. */
public final class AuthRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignIn signIn;
    private final AuditLog audit;
    private final SessionStore sessions;

    private final List<String> trustedProxies;

    public AuthRoutes(SignIn signIn, AuditLog audit, SessionStore sessions, List<String> trustedProxies) {
        this.signIn = signIn;
        this.trustedProxies = trustedProxies;
        this.audit = audit;
        this.sessions = sessions;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.POST,
                "/api/auth/login",
                Access.PUBLIC,
                "Staff sign-in with password and one-time code",
                this::login);
        api.add(HttpMethod.POST, "/api/auth/logout", Access.anyStaff(), "Sign out and end the session", this::logout);
        api.add(HttpMethod.GET, "/api/auth/me", Access.anyStaff(), "The signed-in staff member", this::me);
    }

    private Future<Reply> login(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String username = JsonBodies.requiredString(body, "username", 64).toLowerCase(Locale.ROOT);
        String password = JsonBodies.requiredString(body, "password", 256);
        String totp = JsonBodies.optionalString(body, "totp", 16);
        return signIn.signIn(
                        username,
                        password,
                        totp,
                        signIn.devices().tokenHash(ctx),
                        ClientAddress.of(ctx, trustedProxies),
                        Actor.of(ctx))
                .compose(account -> signIn.devices().remember(ctx, account.id()).map(account))
                .map(account -> {
                    // A new session id at sign-in, so an id planted before sign-in is worthless afterwards.
                    ctx.session().regenerateId();
                    StaffPrincipal principal =
                            new StaffPrincipal(account.id(), account.username(), account.role(), newCsrfToken());
                    principal.storeIn(ctx.session());
                    ctx.session().put("staff.displayName", account.displayName());
                    LOG.info(
                            "event=staff_signed_in staff={} role={} requestId={}",
                            account.username(),
                            account.role(),
                            RequestIds.of(ctx));
                    return Reply.ok(me(principal, account.displayName()));
                });
    }

    private Future<Reply> logout(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        String sessionId = ctx.session().id();
        // Ended in the cluster-wide store before the reply, so no node honours the session afterwards,
        // not even one of its own requests still in flight (SignOutProofSessionStore).
        return audit.append(actor.entry("staff.signed_out", "staff:" + actor.name(), new JsonObject()))
                .compose(seq -> sessions.delete(sessionId))
                .map(x -> {
                    ctx.session().destroy();
                    return Reply.noContent();
                });
    }

    private Future<Reply> me(RoutingContext ctx) {
        StaffPrincipal principal = StaffPrincipal.required(ctx);
        return Future.succeededFuture(Reply.ok(me(principal, ctx.session().get("staff.displayName"))));
    }

    private static JsonObject me(StaffPrincipal principal, String displayName) {
        return new JsonObject()
                .put("staffId", principal.staffId())
                .put("username", principal.username())
                .put("displayName", displayName)
                .put("role", principal.role().name())
                .put("csrfToken", principal.csrfToken());
    }

    private static String newCsrfToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
