package org.examhall.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presence without a server: two Presence instances over one Vert.x stand for two nodes sharing
 * the cluster map. A heartbeat is seen at once on its own node and by the others after a flush,
 * and readers merge the nodes' times, the latest winning.
 */
@ExtendWith(VertxExtension.class)
class PresenceTest {

    private static final List<String> NODES = List.of("node-a", "node-b");

    private static Presence node(Vertx vertx, int index) {
        return new Presence(vertx, NODES.get(index), () -> NODES);
    }

    @Test
    void aBeatIsSeenAtOnceOnItsNodeAndByTheOthersAfterTheFlush(Vertx vertx, VertxTestContext test) {
        Presence first = node(vertx, 0);
        Presence second = node(vertx, 1);
        first.beat(7, 701)
                .compose(x -> first.snapshot(7))
                .onSuccess(seen -> test.verify(() -> assertThat(seen).containsOnlyKeys(701L)))
                .compose(x -> second.snapshot(7))
                .onSuccess(seen ->
                        test.verify(() -> assertThat(seen).as("not flushed yet").isEmpty()))
                .compose(x -> first.flush())
                .compose(x -> second.snapshot(7))
                .onComplete(test.succeeding(seen -> test.verify(() -> {
                    assertThat(seen).containsOnlyKeys(701L);
                    test.completeNow();
                })));
    }

    @Test
    void readersMergeEveryNodesTimesAndTheLatestWins(Vertx vertx, VertxTestContext test) throws InterruptedException {
        Presence first = node(vertx, 0);
        Presence second = node(vertx, 1);
        first.beat(8, 801);
        first.beat(8, 802);
        Thread.sleep(5);
        // 802 moved to a terminal whose requests reach the other node.
        second.beat(8, 802);
        second.beat(9, 901);
        first.flush()
                .compose(x -> second.flush())
                .compose(x -> first.snapshot(8)
                        .compose(fromFirst -> second.snapshot(8).map(fromSecond -> {
                            test.verify(() -> {
                                assertThat(fromFirst).isEqualTo(fromSecond).containsOnlyKeys(801L, 802L);
                                assertThat(fromFirst.get(802L)).isGreaterThan(fromFirst.get(801L));
                            });
                            return fromFirst;
                        })))
                .compose(x -> first.snapshot(9))
                .onComplete(test.succeeding(other -> test.verify(() -> {
                    assertThat(other).as("another session's map").containsOnlyKeys(901L);
                    test.completeNow();
                })));
    }

    @Test
    void theTimesOfAMemberThatLeftAreNotReadAgain(Vertx vertx, VertxTestContext test) {
        List<String> members = new CopyOnWriteArrayList<>(NODES);
        Presence survivor = new Presence(vertx, "node-a", () -> members);
        Presence lost = new Presence(vertx, "node-b", () -> members);
        lost.beat(11, 1101);
        lost.flush()
                .compose(x -> survivor.snapshot(11))
                .onSuccess(seen -> test.verify(() -> assertThat(seen).containsOnlyKeys(1101L)))
                .compose(x -> {
                    members.remove("node-b");
                    return survivor.snapshot(11);
                })
                .onComplete(test.succeeding(seen -> test.verify(() -> {
                    assertThat(seen)
                            .as("its terminals are heard again on the node they reach now")
                            .isEmpty();
                    test.completeNow();
                })));
    }

    @Test
    void aFlushWithNothingHeardWritesNothingAndSucceeds(Vertx vertx, VertxTestContext test) {
        Presence idle = node(vertx, 0);
        idle.flush()
                .compose(x -> idle.snapshot(10))
                .onComplete(test.succeeding(seen -> test.verify(() -> {
                    assertThat(seen).isEmpty();
                    test.completeNow();
                })));
    }

    @Test
    void aSessionNoTerminalIsHeardFromAnyMoreLeavesTheNodesMemory(Vertx vertx, VertxTestContext test) {
        AtomicLong now = new AtomicLong(1_000_000);
        Presence presence = new Presence(vertx, "node-a", () -> List.of("node-a"), now::get);
        presence.beat(7, 701)
                .compose(x -> presence.beat(8, 801))
                .compose(x -> presence.flush())
                .compose(x -> {
                    // Session 7 ended: nothing more is heard from it, while session 8 goes on.
                    now.addAndGet(TimeUnit.MINUTES.toMillis(10) + 1);
                    return presence.beat(8, 801);
                })
                .compose(x -> presence.flush())
                .onComplete(test.succeeding(x -> test.verify(() -> {
                    assertThat(presence.sessionsHeardHere()).containsOnly(8L);
                    test.completeNow();
                })));
    }
}
