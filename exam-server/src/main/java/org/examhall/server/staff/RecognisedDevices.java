package org.examhall.server.staff;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.examhall.protocol.crypto.Sm3;

/**
 * Browsers that staff have signed in from, known by a random token in a long-lived, HTTP-only
 * cookie scoped to the sign-in route. The database keeps only the token's SM3 hash, per staff
 * member, so one browser at the room door can be recognised for both proctors.
 */
public final class RecognisedDevices {

    static final String COOKIE = "examhall_device";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final long MAX_AGE_SECONDS = 180L * 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final boolean secureCookies;

    public RecognisedDevices(Pool pool, boolean secureCookies) {
        this.pool = pool;
        this.secureCookies = secureCookies;
    }

    /** The hash of the browser's token, when it sent a well-formed one. */
    public Optional<String> tokenHash(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return cookie == null || !TOKEN.matcher(cookie.getValue()).matches()
                ? Optional.empty()
                : Optional.of(hash(cookie.getValue()));
    }

    Future<Boolean> knows(String tokenHash, long staffId) {
        return pool.preparedQuery("SELECT 1 FROM staff_device WHERE token_hash = $1 AND staff_id = $2")
                .execute(Tuple.of(tokenHash, staffId))
                .map(rows -> rows.size() > 0);
    }

    /** After a sign-in: the browser keeps its token (or gets one) and is recognised for this staff member from now on. */
    public Future<Void> remember(RoutingContext ctx, long staffId) {
        Cookie sent = ctx.request().getCookie(COOKIE);
        String token = sent != null && TOKEN.matcher(sent.getValue()).matches() ? sent.getValue() : newToken();
        return pool.preparedQuery("""
            INSERT INTO staff_device (token_hash, staff_id) VALUES ($1, $2)
            ON CONFLICT (token_hash, staff_id) DO UPDATE SET last_used_at = now()""").execute(Tuple.of(hash(token), staffId)).map(x -> {
            ctx.response()
                    .addCookie(Cookie.cookie(COOKIE, token)
                            .setPath("/api/auth")
                            .setHttpOnly(true)
                            .setSecure(secureCookies)
                            .setSameSite(CookieSameSite.STRICT)
                            .setMaxAge(MAX_AGE_SECONDS));
            return null;
        });
    }

    private static String hash(String token) {
        return Sm3.hex(token.getBytes(StandardCharsets.US_ASCII));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
