package org.examhall.tools.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;
import static org.examhall.tools.testing.ProvinceFixture.eventually;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.examhall.tools.provincesim.ProvinceSimulator.Mode;
import org.examhall.tools.testing.ProvinceFixture;
import org.junit.jupiter.api.Test;

/**
 * The node dies while a package is on its way: the province receives it, but the answer reaches no
 * one. A new node on the same database sends it again once the claim runs out; the province
 * recognises the idempotency key and answers with its first receipt. Afterwards the province holds
 * exactly one package per result, and every signature verifies.
 */
class ProvinceRestartTest {

    @Test
    void aNodeStoppedMidDeliveryLeavesNothingLostAndNothingTwice() {
        // Connect 300 ms + request 2.5 s + 2 s margin: a claim taken by the stopped node runs out 4.8 s after it was
        // taken.
        ProvinceFixture fixture = ProvinceFixture.prepare(2500);
        try {
            fixture.startNode(true);
            ProvinceFixture.Session session = fixture.scoredSession(3, 1);
            fixture.simulator.behave(Mode.SLOW, 1500);
            fixture.publish(session);
            eventually(
                    Duration.ofSeconds(10),
                    () -> fixture.simulator.counters().getLong("inFlight") >= 1,
                    "a delivery in flight at the province");
            List<JsonObject> beforeStop = fixture.outbox(session.id);
            assertThat(beforeStop)
                    .anyMatch(r -> r.getInteger("attempts") == 1 && "PENDING".equals(r.getString("status")));

            fixture.server.close();
            // The province finishes what it was given; the answers go nowhere.
            eventually(
                    Duration.ofSeconds(10),
                    () -> fixture.simulator.counters().getLong("inFlight") == 0,
                    "the province done");
            int storedWhileDown = fixture.stored().size();
            assertThat(storedWhileDown).isGreaterThanOrEqualTo(1);
            fixture.simulator.behave(Mode.NORMAL, 0);

            TestServer second = fixture.startNode(false);
            fixture.awaitAllDelivered(session.id, Duration.ofSeconds(30));
            fixture.assertExactlyOnceAndSigned(session);
            List<JsonObject> after = fixture.outbox(session.id);
            // What the stopped node had sent came back as a duplicate: stored once, receipted with its first time.
            assertThat(after)
                    .filteredOn(r -> r.getBoolean("duplicate"))
                    .isNotEmpty()
                    .allMatch(r -> r.getInteger("attempts") >= 2);

            // The new node shows the same queue to the bureau.
            StaffProvisioning.Created account =
                    second.createStaff(TestServer.uniqueName("bureau"), ExamRoom.PASSWORD, Role.BUREAU_ADMIN);
            ApiClient admin = second.client().signedIn(account.username(), ExamRoom.PASSWORD, account.totpSecret());
            JsonObject view = ok(admin.get("/api/province/outbox?sessionId=" + session.id), 200);
            assertThat(view.getJsonArray("items")).hasSize(4);
            assertThat(view.getJsonArray("items").stream()
                            .map(o -> ((JsonObject) o).getString("status"))
                            .distinct()
                            .toList())
                    .containsExactly("DELIVERED");
        } finally {
            fixture.close();
        }
    }
}
