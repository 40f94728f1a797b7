package org.examhall.server.staff;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.examhall.server.http.Role;

/** A staff account as stored; the password hash and TOTP secret never leave the server. */
public record StaffAccount(
        long id,
        String username,
        String displayName,
        Role role,
        String passwordHash,
        byte[] totpSecretEncrypted,
        long totpLastStep,
        int failedAttempts,
        Instant lockedUntil,
        boolean disabled) {

    static final String COLUMNS = "id, username, display_name, role, password_hash, totp_secret_enc, totp_last_step,"
            + " failed_attempts, locked_until, disabled";

    static StaffAccount from(Row row) {
        OffsetDateTime locked = row.getOffsetDateTime("locked_until");
        Buffer secret = row.getBuffer("totp_secret_enc");
        return new StaffAccount(
                row.getLong("id"),
                row.getString("username"),
                row.getString("display_name"),
                Role.valueOf(row.getString("role")),
                row.getString("password_hash"),
                secret == null ? null : secret.getBytes(),
                row.getLong("totp_last_step"),
                row.getInteger("failed_attempts"),
                locked == null ? null : locked.toInstant(),
                row.getBoolean("disabled"));
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean hasSecondFactor() {
        return totpSecretEncrypted != null;
    }

    /** What the staff list shows: no secrets. */
    public JsonObject publicJson() {
        return new JsonObject()
                .put("id", id)
                .put("username", username)
                .put("displayName", displayName)
                .put("role", role.name())
                .put("secondFactor", hasSecondFactor())
                .put("locked", lockedAt(Instant.now()))
                .put("disabled", disabled);
    }
}
