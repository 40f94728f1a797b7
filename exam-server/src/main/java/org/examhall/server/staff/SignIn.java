package org.examhall.server.staff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.examhall.protocol.http.ApiError;
import org.examhall.protocol.http.ApiException;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditEntry;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.http.KeyedRateLimit;

/**
 * Checks a sign-in: address throttle, lock-out, password, second factor, in that order. Every
 * outcome is audited; failures count towards the lock-out whether the password or the code was
 * wrong, and they are counted before the password is checked, so parallel guesses cannot slip
 * past the limit. A locked account can still be signed into from a browser its owner used before
 * (with that browser's own count), so locking every proctor out from elsewhere stops nobody.
 */
public final class SignIn {

    private final Pool pool;
    private final StaffDirectory directory;
    private final PasswordChecks passwords;
    private final RecognisedDevices devices;
    private final KeyedRateLimit throttle;
    private final DataKeyRing cipher;
    private final AuditLog audit;
    private final ExamhallConfig config;
    private final Clock clock;

    public SignIn(
            Vertx vertx,
            Pool pool,
            StaffDirectory directory,
            PasswordHasher hasher,
            DataKeyRing cipher,
            AuditLog audit,
            ExamhallConfig config,
            Clock clock) {
        this.pool = pool;
        this.directory = directory;
        this.passwords = new PasswordChecks(
                vertx, hasher, config.security.passwordHashThreads, config.security.passwordHashQueue);
        this.devices = new RecognisedDevices(pool, config.http.secureCookies);
        this.throttle = new KeyedRateLimit(
                config.security.signInFailuresPerAddress, Duration.ofMinutes(config.security.lockoutMinutes), clock);
        this.cipher = cipher;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    public RecognisedDevices devices() {
        return devices;
    }

    /** One sign-in attempt from {@code address}, by a browser whose token hash is {@code device} (if it sent one). */
    public Future<StaffAccount> signIn(
            String username, String password, String totpCode, Optional<String> device, String address, Actor actor) {
        if (!throttle.allows(address)) {
            return Future.failedFuture(new ApiException(
                    StaffErrors.TOO_MANY_FAILURES, Map.of("retryAfterSeconds", throttle.retryAfterSeconds(address))));
        }
        Instant now = clock.instant();
        return passwords
                .place()
                .compose(place -> directory
                        .byUsername(username)
                        .compose(found -> {
                            if (found.isEmpty()) {
                                return place.burn(password).compose(x -> {
                                    throttle.count(address);
                                    return reject(
                                            actor.entry(
                                                    "staff.sign_in_failed",
                                                    "staff:" + username,
                                                    new JsonObject().put("reason", "unknown_username")),
                                            StaffErrors.INVALID_CREDENTIALS);
                                });
                            }
                            StaffAccount account = found.get();
                            return counterFor(account, device, now)
                                    .compose(attempt -> attempt.isEmpty()
                                            ? reject(
                                                    actor.entry(
                                                            "staff.sign_in_refused",
                                                            target(account),
                                                            new JsonObject().put("reason", "locked")),
                                                    StaffErrors.ACCOUNT_LOCKED)
                                            : place.verify(password, account.passwordHash())
                                                    .compose(passwordOk -> passwordOk
                                                            ? secondFactor(
                                                                    account,
                                                                    attempt.get(),
                                                                    totpCode,
                                                                    address,
                                                                    actor,
                                                                    now)
                                                            : fail(
                                                                    account,
                                                                    attempt.get(),
                                                                    "wrong_password",
                                                                    StaffErrors.INVALID_CREDENTIALS,
                                                                    address,
                                                                    actor)));
                        })
                        .onComplete(x -> place.release()));
    }

    private record Attempt(SignInAttempts.Counter counter, int number) {}

    /** The account counts the attempt; when it is locked, a browser its owner signed in from before counts it instead. */
    private Future<Optional<Attempt>> counterFor(StaffAccount account, Optional<String> device, Instant now) {
        int max = config.security.lockoutMaxFailures;
        Instant lockUntil = now.plus(Duration.ofMinutes(config.security.lockoutMinutes));
        SignInAttempts.Counter onAccount = new SignInAttempts.Account(account.id());
        return SignInAttempts.reserve(pool, onAccount, max, lockUntil, now).compose(number -> {
            if (number.isPresent()) {
                return Future.succeededFuture(Optional.of(new Attempt(onAccount, number.getAsInt())));
            }
            if (device.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            SignInAttempts.Device onDevice = new SignInAttempts.Device(device.get(), account.id());
            return devices.knows(device.get(), account.id())
                    .compose(known -> !known
                            ? Future.succeededFuture(Optional.empty())
                            : SignInAttempts.reserve(pool, onDevice, max, lockUntil, now)
                                    .map(n -> n.isPresent()
                                            ? Optional.of(new Attempt(onDevice, n.getAsInt()))
                                            : Optional.empty()));
        });
    }

    private Future<StaffAccount> secondFactor(
            StaffAccount account, Attempt attempt, String code, String address, Actor actor, Instant now) {
        if (account.disabled()) {
            return reject(
                    actor.entry("staff.sign_in_refused", target(account), new JsonObject().put("reason", "disabled")),
                    StaffErrors.ACCOUNT_DISABLED);
        }
        boolean required = account.hasSecondFactor() || account.role().requiresSecondFactor() && !config.demo();
        if (!required) {
            return succeed(account, attempt, 0, actor);
        }
        if (!account.hasSecondFactor()) {
            return reject(
                    actor.entry(
                            "staff.sign_in_refused",
                            target(account),
                            new JsonObject().put("reason", "totp_not_enrolled")),
                    StaffErrors.TOTP_NOT_ENROLLED);
        }
        if (code == null || code.isBlank()) {
            // Not a failure (the sign-in form asks for the code next), but someone knows the password: audited.
            return SignInAttempts.refund(pool, attempt.counter())
                    .compose(x -> reject(
                            actor.entry(
                                    "staff.sign_in_refused",
                                    target(account),
                                    new JsonObject().put("reason", "totp_missing")),
                            StaffErrors.TOTP_REQUIRED));
        }
        String secret = new String(cipher.decrypt(account.totpSecretEncrypted()), StandardCharsets.US_ASCII);
        OptionalLong step = Totp.matchingStep(secret, code.trim(), now);
        if (step.isEmpty() || step.getAsLong() <= account.totpLastStep()) {
            return fail(account, attempt, "wrong_totp", StaffErrors.TOTP_INVALID, address, actor);
        }
        return succeed(account, attempt, step.getAsLong(), actor);
    }

    private Future<StaffAccount> succeed(StaffAccount account, Attempt attempt, long step, Actor actor) {
        boolean onDevice = attempt.counter() instanceof SignInAttempts.Device;
        return pool.withTransaction(tx -> directory
                .recordSuccess(tx, account.id(), step, !onDevice)
                .compose(accepted -> {
                    if (!accepted) {
                        return Future.failedFuture(StaffErrors.TOTP_INVALID.exception());
                    }
                    Future<Void> device = attempt.counter() instanceof SignInAttempts.Device d
                            ? SignInAttempts.clearDevice(tx, d)
                            : Future.succeededFuture();
                    return device.compose(x -> audit.append(
                                    tx,
                                    actor.entry(
                                            "staff.signed_in",
                                            target(account),
                                            new JsonObject()
                                                    .put("secondFactor", step > 0)
                                                    .put("recognisedDevice", onDevice))))
                            .map(account);
                }));
    }

    /** The attempt was counted already; the one that reached the limit locked the account (or the browser). */
    private Future<StaffAccount> fail(
            StaffAccount account, Attempt attempt, String reason, ApiError error, String address, Actor actor) {
        throttle.count(address);
        boolean locked = attempt.number() >= config.security.lockoutMaxFailures;
        return audit.append(actor.entry(
                        locked ? "staff.locked_out" : "staff.sign_in_failed",
                        target(account),
                        new JsonObject()
                                .put("reason", reason)
                                .put("attempt", attempt.number())
                                .put("recognisedDevice", attempt.counter() instanceof SignInAttempts.Device)))
                .compose(seq -> Future.failedFuture((locked ? StaffErrors.ACCOUNT_LOCKED : error).exception()));
    }

    private Future<StaffAccount> reject(AuditEntry entry, ApiError error) {
        return audit.append(entry).compose(x -> Future.failedFuture(error.exception()));
    }

    private static String target(StaffAccount account) {
        return "staff:" + account.username();
    }
}
