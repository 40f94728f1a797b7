package org.examhall.server.staff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.Sm4Cipher;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Checks a sign-in: lock-out, password, second factor, in that order. Every outcome is audited;
 * failures count towards the lock-out whether the password or the code was wrong.
 */
public final class SignIn {

  private final Vertx vertx;
  private final Pool pool;
  private final StaffDirectory directory;
  private final PasswordHasher hasher;
  private final Sm4Cipher cipher;
  private final AuditLog audit;
  private final ExamhallConfig config;
  private final Clock clock;

  public SignIn(Vertx vertx, Pool pool, StaffDirectory directory, PasswordHasher hasher, Sm4Cipher cipher,
                AuditLog audit, ExamhallConfig config, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.directory = directory;
    this.hasher = hasher;
    this.cipher = cipher;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  public Future<StaffAccount> signIn(String username, String password, String totpCode, Actor actor) {
    return directory.byUsername(username).compose(found -> {
      if (found.isEmpty()) {
        return vertx.executeBlocking(() -> {
          hasher.burn(password);
          return null;
        }, false).compose(x -> reject(actor.entry("staff.sign_in_failed", "staff:" + username,
            new JsonObject().put("reason", "unknown_username")), StaffErrors.INVALID_CREDENTIALS));
      }
      StaffAccount account = found.get();
      Instant now = clock.instant();
      if (account.lockedAt(now)) {
        return reject(actor.entry("staff.sign_in_refused", target(account),
            new JsonObject().put("reason", "locked")), StaffErrors.ACCOUNT_LOCKED);
      }
      return vertx.executeBlocking(() -> hasher.verify(password, account.passwordHash()), false)
          .compose(passwordOk -> passwordOk ? secondFactor(account, totpCode, actor, now)
              : fail(account, "wrong_password", StaffErrors.INVALID_CREDENTIALS, actor, now));
    });
  }

  private Future<StaffAccount> secondFactor(StaffAccount account, String code, Actor actor, Instant now) {
    if (account.disabled()) {
      return reject(actor.entry("staff.sign_in_refused", target(account), new JsonObject().put("reason", "disabled")),
          StaffErrors.ACCOUNT_DISABLED);
    }
    boolean required = account.hasSecondFactor() || account.role().requiresSecondFactor() && !config.demo();
    if (!required) {
      return succeed(account, 0, actor);
    }
    if (!account.hasSecondFactor()) {
      return reject(actor.entry("staff.sign_in_refused", target(account), new JsonObject().put("reason", "totp_not_enrolled")),
          StaffErrors.TOTP_NOT_ENROLLED);
    }
    if (code == null || code.isBlank()) {
      // Not a failure (the sign-in form asks for the code next), but someone knows the password: audited.
      return reject(actor.entry("staff.sign_in_refused", target(account), new JsonObject().put("reason", "totp_missing")),
          StaffErrors.TOTP_REQUIRED);
    }
    String secret = new String(cipher.decrypt(account.totpSecretEncrypted()), StandardCharsets.US_ASCII);
    OptionalLong step = Totp.matchingStep(secret, code.trim(), now);
    if (step.isEmpty() || step.getAsLong() <= account.totpLastStep()) {
      return fail(account, "wrong_totp", StaffErrors.TOTP_INVALID, actor, now);
    }
    return succeed(account, step.getAsLong(), actor);
  }

  private Future<StaffAccount> succeed(StaffAccount account, long step, Actor actor) {
    return pool.withTransaction(tx -> directory.recordSuccess(tx, account.id(), step).compose(accepted -> {
      if (!accepted) {
        return Future.failedFuture(StaffErrors.TOTP_INVALID.exception());
      }
      return audit.append(tx, actor.entry("staff.signed_in", target(account),
          new JsonObject().put("secondFactor", step > 0))).map(account);
    }));
  }

  private Future<StaffAccount> fail(StaffAccount account, String reason, org.examhall.server.http.ApiError error,
                                    Actor actor, Instant now) {
    Instant lockUntil = now.plus(Duration.ofMinutes(config.security.lockoutMinutes));
    return pool.withTransaction(tx -> directory.recordFailure(tx, account.id(), config.security.lockoutMaxFailures, lockUntil)
            .compose(locked -> audit.append(tx, actor.entry(locked ? "staff.locked_out" : "staff.sign_in_failed",
                    target(account), new JsonObject().put("reason", reason)))
                .map(locked)))
        .compose(locked -> Future.failedFuture((locked ? StaffErrors.ACCOUNT_LOCKED : error).exception()));
  }

  private Future<StaffAccount> reject(org.examhall.server.audit.AuditEntry entry, org.examhall.server.http.ApiError error) {
    return audit.append(entry).compose(x -> Future.failedFuture(error.exception()));
  }

  private static String target(StaffAccount account) {
    return "staff:" + account.username();
  }
}
