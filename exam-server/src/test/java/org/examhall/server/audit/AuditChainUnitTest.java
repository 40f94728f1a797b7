package org.examhall.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditChainUnitTest {

    private static final Instant AT = Instant.parse("2024-05-06T07:08:09.123456Z");
    private static final String PREVIOUS = "ab".repeat(32);

    private static AuditEntry entry() {
        return new AuditEntry(
                AT,
                "admin",
                "BUREAU_ADMIN",
                "staff.created",
                "staff:zhang",
                "req-12345678",
                new JsonObject().put("id", 7).put("role", "PROCTOR").put("secondFactor", true));
    }

    @Test
    void theSameEntryAtTheSamePositionAlwaysHashesTheSame() {
        String hash = AuditChain.hash(PREVIOUS, entry(), 5);

        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(AuditChain.hash(PREVIOUS, entry(), 5)).isEqualTo(hash);
    }

    @Test
    void changingAnyFieldChangesTheHash() {
        String original = AuditChain.hash(PREVIOUS, entry(), 5);
        AuditEntry e = entry();

        assertThat(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(
                                AT.plusNanos(1000),
                                e.actor(),
                                e.actorRole(),
                                e.action(),
                                e.target(),
                                e.requestId(),
                                e.details()),
                        5))
                .as("time")
                .isNotEqualTo(original);
        assertThat(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(
                                AT, "mallory", e.actorRole(), e.action(), e.target(), e.requestId(), e.details()),
                        5))
                .as("actor")
                .isNotEqualTo(original);
        assertThat(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(AT, e.actor(), "AUDITOR", e.action(), e.target(), e.requestId(), e.details()),
                        5))
                .as("role")
                .isNotEqualTo(original);
        assertThat(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(
                                AT, e.actor(), e.actorRole(), "staff.unlocked", e.target(), e.requestId(), e.details()),
                        5))
                .as("action")
                .isNotEqualTo(original);
        assertThat(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(
                                AT, e.actor(), e.actorRole(), e.action(), "staff:li", e.requestId(), e.details()),
                        5))
                .as("target")
                .isNotEqualTo(original);
        assertThat(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(
                                AT, e.actor(), e.actorRole(), e.action(), e.target(), "req-87654321", e.details()),
                        5))
                .as("request id")
                .isNotEqualTo(original);
        assertThat(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(
                                AT,
                                e.actor(),
                                e.actorRole(),
                                e.action(),
                                e.target(),
                                e.requestId(),
                                e.details().copy().put("role", "AUDITOR")),
                        5))
                .as("detail value")
                .isNotEqualTo(original);
        assertThat(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(
                                AT,
                                e.actor(),
                                e.actorRole(),
                                e.action(),
                                e.target(),
                                e.requestId(),
                                e.details().copy().put("extra", 1)),
                        5))
                .as("added detail")
                .isNotEqualTo(original);
        assertThat(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(
                                AT,
                                e.actor(),
                                e.actorRole(),
                                e.action(),
                                e.target(),
                                e.requestId(),
                                new JsonObject()
                                        .put("id", "7")
                                        .put("role", "PROCTOR")
                                        .put("secondFactor", true)),
                        5))
                .as("detail type: number 7 vs string \"7\"")
                .isNotEqualTo(original);
    }

    @Test
    void theSameEntryAtAnotherPositionOrAfterAnotherEntryHashesDifferently() {
        String original = AuditChain.hash(PREVIOUS, entry(), 5);

        assertThat(AuditChain.hash(PREVIOUS, entry(), 6)).as("seq").isNotEqualTo(original);
        assertThat(AuditChain.hash("cd".repeat(32), entry(), 5))
                .as("previous hash")
                .isNotEqualTo(original);
        assertThat(AuditChain.hash(AuditChain.GENESIS, entry(), 5))
                .as("genesis")
                .isNotEqualTo(original);
    }

    @Test
    void fieldBoundariesCannotBeShiftedToForgeTheSameHash() {
        // "ab" + "c" must not collide with "a" + "bc": fields are framed, not concatenated.
        AuditEntry left = new AuditEntry(AT, "ab", "c", "x", "t", "r", null);
        AuditEntry right = new AuditEntry(AT, "a", "bc", "x", "t", "r", null);

        assertThat(AuditChain.hash(PREVIOUS, left, 1)).isNotEqualTo(AuditChain.hash(PREVIOUS, right, 1));
    }

    @Test
    void keyOrderInDetailsDoesNotMatterAtAnyDepth() {
        JsonObject oneOrder = new JsonObject()
                .put("role", "PROCTOR")
                .put("id", 7)
                .put(
                        "nested",
                        new JsonObject()
                                .put("z", 1)
                                .put(
                                        "a",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("y", 1)
                                                        .put("b", 2))));
        JsonObject otherOrder = new JsonObject()
                .put(
                        "nested",
                        new JsonObject()
                                .put(
                                        "a",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("b", 2)
                                                        .put("y", 1)))
                                .put("z", 1))
                .put("id", 7)
                .put("role", "PROCTOR");
        AuditEntry e = entry();

        assertThat(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(AT, e.actor(), e.actorRole(), e.action(), e.target(), e.requestId(), oneOrder),
                        3))
                .isEqualTo(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(AT, e.actor(), e.actorRole(), e.action(), e.target(), e.requestId(), otherOrder),
                        3));
    }

    @Test
    void theHashSurvivesTheDatabaseRoundTripOfTimeAndDetails() {
        // PostgreSQL keeps microseconds and the details column keeps canonical JSON text: an entry
        // rebuilt from them, as the verifier does, must hash as the entry that was written.
        AuditEntry written = new AuditEntry(
                Instant.parse("2024-05-06T07:08:09.123456789Z"),
                "admin",
                "BUREAU_ADMIN",
                "person.registered",
                "person:1",
                "req-12345678",
                new JsonObject()
                        .put("idNumberMasked", "110105********002X")
                        .put("count", 3_000_000_000L)
                        .put("ratio", 0.25)
                        .put("名称", "安全生产")
                        .put("none", (Object) null)
                        .put("flags", new JsonArray().add(true)));
        String stored = CanonicalJson.write(written.details().getMap());
        AuditEntry reread = new AuditEntry(
                Instant.parse("2024-05-06T07:08:09.123456Z"),
                written.actor(),
                written.actorRole(),
                written.action(),
                written.target(),
                written.requestId(),
                new JsonObject(CanonicalJson.read(stored)));

        assertThat(AuditChain.hash(PREVIOUS, reread, 9)).isEqualTo(AuditChain.hash(PREVIOUS, written, 9));
    }

    @Test
    void missingDetailsHashLikeEmptyDetails() {
        AuditEntry e = entry();

        assertThat(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(AT, e.actor(), e.actorRole(), e.action(), e.target(), e.requestId(), null),
                        2))
                .isEqualTo(AuditChain.hash(
                        PREVIOUS,
                        new AuditEntry(
                                AT, e.actor(), e.actorRole(), e.action(), e.target(), e.requestId(), new JsonObject()),
                        2));
    }
}
