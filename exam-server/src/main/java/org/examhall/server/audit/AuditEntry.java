package org.examhall.server.audit;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One state change: who (actor and role), did what (action) to what (target), when, in which
 * request, with which details. Time is kept to the microsecond because that is what PostgreSQL
 * stores, and the hash must survive the round trip.
 */
public record AuditEntry(
        Instant occurredAt,
        String actor,
        String actorRole,
        String action,
        String target,
        String requestId,
        JsonObject details) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(actorRole, "actorRole");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(requestId, "requestId");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        details = details == null ? new JsonObject() : details;
    }

    public static AuditEntry now(
            String actor, String actorRole, String action, String target, String requestId, JsonObject details) {
        return new AuditEntry(Instant.now(), actor, actorRole, action, target, requestId, details);
    }

    /** The canonical bytes that are hashed, including the entry's position in the chain. */
    String canonical(long seq) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", seq);
        fields.put("occurredAt", occurredAt.toString());
        fields.put("actor", actor);
        fields.put("actorRole", actorRole);
        fields.put("action", action);
        fields.put("target", target);
        fields.put("requestId", requestId);
        fields.put("details", details.getMap());
        return CanonicalJson.write(fields);
    }
}
