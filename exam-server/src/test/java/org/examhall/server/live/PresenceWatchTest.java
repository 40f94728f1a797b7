package org.examhall.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vertx.core.Future;
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
 * The watch over real Presence instances standing for two nodes of a cluster (one Vert.x, one shared map),
 * with a 400 ms threshold: what each node reports, and when, as a terminal's requests move between the
 * nodes and stop.
 */
@ExtendWith(VertxExtension.class)
class PresenceWatchTest {

    private static final List<String> NODES = List.of("node-a", "node-b");
    private static final long SILENT_AFTER = 400;
    private static final long SESSION = 7;
    private static final long SITTING = 701;

    /** What one node pushed to the consoles, and when. */
    private record Push(String node, long sessionId, List<Long> sittingIds, long at) {}

    private final List<Push> pushes = new CopyOnWriteArrayList<>();

    private PresenceWatch watch(Vertx vertx, Presence presence, String node, long checkMs) {
        return new PresenceWatch(
                vertx,
                presence,
                (sessionId, sittingIds) -> {
                    pushes.add(new Push(node, sessionId, sittingIds, System.currentTimeMillis()));
                    return Future.succeededFuture();
                },
                SILENT_AFTER,
                checkMs);
    }

    @Test
    void eachChangeIsPushedOnceByTheNodeThatSawItAsATerminalMovesBetweenNodesAndFallsSilent(
            Vertx vertx, VertxTestContext test) {
        Presence a = new Presence(vertx, "node-a", () -> NODES);
        Presence b = new Presence(vertx, "node-b", () -> NODES);
        PresenceWatch watchA = watch(vertx, a, "node-a", 50);
        PresenceWatch watchB = watch(vertx, b, "node-b", 50);

        a.beat(SESSION, SITTING)
                .compose(x -> Future.all(watchA.check(), watchB.check()))
                .onSuccess(x -> test.verify(() -> assertThat(pushes)
                        .as("its first beat, on node a")
                        .extracting(Push::node, Push::sittingIds)
                        .containsExactly(tuple("node-a", List.of(SITTING)))))
                // Its requests now reach node b, which knows from the cluster map that node a hears it.
                .compose(x -> a.flush())
                .compose(x -> vertx.timer(5))
                .compose(x -> b.beat(SESSION, SITTING))
                .compose(x -> Future.all(watchA.check(), watchB.check()))
                .onSuccess(x -> test.verify(() -> assertThat(pushes).hasSize(1)))
                // Then it stops: both nodes' times pass the threshold, and node b heard it last.
                .compose(x -> b.flush())
                .compose(x -> vertx.timer(SILENT_AFTER + 50))
                .compose(x -> Future.all(watchA.check(), watchB.check()))
                .onSuccess(x -> test.verify(() -> assertThat(pushes)
                        .extracting(Push::node)
                        .as("silent: reported by node b only")
                        .containsExactly("node-a", "node-b")))
                .compose(x -> Future.all(watchA.check(), watchB.check()))
                .onSuccess(x ->
                        test.verify(() -> assertThat(pushes).as("reported once").hasSize(2)))
                // It comes back on node a.
                .compose(x -> a.beat(SESSION, SITTING))
                .compose(x -> Future.all(watchA.check(), watchB.check()))
                .onComplete(test.succeeding(x -> test.verify(() -> {
                    assertThat(pushes)
                            .extracting(Push::node)
                            .as("back: reported by node a")
                            .containsExactly("node-a", "node-b", "node-a");
                    assertThat(pushes).allMatch(push -> push.sessionId() == SESSION);
                    test.completeNow();
                })));
    }

    @Test
    void theRunningWatchPushesASilenceNoSoonerThanTheThresholdAfterTheLastBeat(Vertx vertx, VertxTestContext test)
            throws InterruptedException {
        Presence single = new Presence(vertx, "node-a", () -> List.of("node-a"));
        PresenceWatch watch = watch(vertx, single, "node-a", 100);
        watch.start();
        AtomicLong lastBeat = new AtomicLong();
        long beating = vertx.setPeriodic(100, id -> {
            lastBeat.set(System.currentTimeMillis());
            single.beat(SESSION, SITTING);
        });
        vertx.setTimer(600, id -> vertx.cancelTimer(beating));
        vertx.setPeriodic(50, id -> {
            if (pushes.size() < 2) {
                return;
            }
            vertx.cancelTimer(id);
            // Ten more checks: a silence already pushed is not pushed again.
            vertx.setTimer(1_000, later -> {
                watch.stop();
                test.verify(() -> {
                    assertThat(pushes).hasSize(2);
                    assertThat(pushes.get(0).sittingIds()).as("it came").containsExactly(SITTING);
                    assertThat(pushes.get(1).sittingIds()).as("it fell silent").containsExactly(SITTING);
                    assertThat(pushes.get(1).at() - lastBeat.get())
                            .as("pushed after the threshold, within a few checks")
                            .isGreaterThanOrEqualTo(SILENT_AFTER)
                            .isLessThan(SILENT_AFTER + 3_000);
                });
                test.completeNow();
            });
        });
        assertThat(test.awaitCompletion(15, TimeUnit.SECONDS)).isTrue();
    }
}
