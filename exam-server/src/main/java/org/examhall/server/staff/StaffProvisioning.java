package org.examhall.server.staff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Role;

/** Creates and unlocks staff accounts; used by the bureau's API and by the {@code staff-add} command. */
public final class StaffProvisioning {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,64}");

    private final Vertx vertx;
    private final Pool pool;
    private final StaffDirectory directory;
    private final PasswordHasher hasher;
    private final DataKeyRing cipher;
    private final AuditLog audit;

    public StaffProvisioning(
            Vertx vertx,
            Pool pool,
            StaffDirectory directory,
            PasswordHasher hasher,
            DataKeyRing cipher,
            AuditLog audit) {
        this.vertx = vertx;
        this.pool = pool;
        this.directory = directory;
        this.hasher = hasher;
        this.cipher = cipher;
        this.audit = audit;
    }

    /** The new account and, for roles that need one, the TOTP secret to enrol; shown to the creator once. */
    public record Created(long id, String username, Role role, String totpSecret) {
        public JsonObject toJson() {
            JsonObject json =
                    new JsonObject().put("id", id).put("username", username).put("role", role.name());
            if (totpSecret != null) {
                json.put("totpSecret", totpSecret).put("otpauthUri", Totp.otpauthUri("examhall", username, totpSecret));
            }
            return json;
        }
    }

    /**
     * @param enrolSecondFactor whether to generate a TOTP secret; always true for roles that need one,
     *                          except for the demo's printed accounts
     */
    public Future<Created> create(
            String username, String displayName, Role role, String password, boolean enrolSecondFactor, Actor actor) {
        if (!USERNAME.matcher(username).matches()) {
            return Future.failedFuture(Errors.invalid(
                    "用户名只能包含 3–64 位小写字母、数字和 . _ -",
                    "the username must be 3–64 lower-case letters, digits, '.', '_' or '-'"));
        }
        if (!strongEnough(password)) {
            return Future.failedFuture(StaffErrors.WEAK_PASSWORD.exception());
        }
        String totpSecret = enrolSecondFactor ? Totp.newSecret() : null;
        byte[] encryptedSecret =
                totpSecret == null ? null : cipher.encrypt(totpSecret.getBytes(StandardCharsets.US_ASCII));
        return vertx.executeBlocking(() -> hasher.hash(password), false)
                .compose(hash -> pool.withTransaction(tx -> directory
                        .insert(tx, username, displayName, role, hash, encryptedSecret)
                        .compose(id -> audit.append(
                                        tx,
                                        actor.entry(
                                                "staff.created",
                                                "staff:" + username,
                                                new JsonObject()
                                                        .put("id", id)
                                                        .put("role", role.name())
                                                        .put("displayName", displayName)
                                                        .put("secondFactor", totpSecret != null)))
                                .map(seq -> new Created(id, username, role, totpSecret)))))
                .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? Future.failedFuture(StaffErrors.USERNAME_TAKEN.exception())
                        : Future.failedFuture(e));
    }

    public Future<Void> unlock(long id, Actor actor) {
        return pool.withTransaction(tx -> directory.byId(tx, id).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(StaffErrors.STAFF_NOT_FOUND.exception());
            }
            return directory
                    .unlock(tx, id)
                    .compose(x -> audit.append(
                            tx,
                            actor.entry("staff.unlocked", "staff:" + found.get().username(), new JsonObject())))
                    .mapEmpty();
        }));
    }

    static boolean strongEnough(String password) {
        return password != null
                && password.length() >= 12
                && password.length() <= 256
                && password.chars().anyMatch(Character::isLetter)
                && password.chars().anyMatch(Character::isDigit);
    }
}
