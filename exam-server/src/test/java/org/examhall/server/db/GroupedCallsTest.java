package org.examhall.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Grouping without a database: the "call" is a promise the test completes, so it decides when a
 * round trip ends and can see which requests travelled together.
 */
@ExtendWith(VertxExtension.class)
class GroupedCallsTest {

    private final List<List<Integer>> groups = new CopyOnWriteArrayList<>();
    private final List<Promise<List<String>>> pending = new CopyOnWriteArrayList<>();

    private GroupedCalls<Integer, String> calls(Vertx vertx, int maxBatch, int maxInFlight) {
        return new GroupedCalls<>(vertx, maxBatch, maxInFlight, group -> {
            groups.add(group);
            Promise<List<String>> answer = Promise.promise();
            pending.add(answer);
            return answer.future();
        });
    }

    private static List<String> answersTo(List<Integer> group) {
        return group.stream().map(i -> "answer " + i).toList();
    }

    @Test
    void requestsArrivingWhileTheCallsAreBusyTravelTogetherAndEachGetsItsOwnAnswer(Vertx vertx, VertxTestContext test) {
        GroupedCalls<Integer, String> calls = calls(vertx, 100, 1);
        List<Future<String>> answers = new ArrayList<>();
        vertx.runOnContext(v -> {
            answers.add(calls.submit(1));
            vertx.setTimer(20, t0 -> IntStream.rangeClosed(2, 5).forEach(i -> answers.add(calls.submit(i))));
            vertx.setTimer(50, t -> {
                test.verify(() -> assertThat(groups)
                        .as("the first went alone, the rest queued behind it")
                        .containsExactly(List.of(1)));
                pending.get(0).complete(answersTo(groups.get(0)));
                vertx.setTimer(50, t2 -> {
                    test.verify(() -> assertThat(groups).containsExactly(List.of(1), List.of(2, 3, 4, 5)));
                    pending.get(1).complete(answersTo(groups.get(1)));
                    Future.all(answers)
                            .onComplete(test.succeeding(all -> test.verify(() -> {
                                assertThat(answers.stream().map(Future::result))
                                        .containsExactly("answer 1", "answer 2", "answer 3", "answer 4", "answer 5");
                                test.completeNow();
                            })));
                });
            });
        });
    }

    @Test
    void noGroupIsLargerThanTheLimitAndUpToMaxInFlightRunAtOnce(Vertx vertx, VertxTestContext test) {
        GroupedCalls<Integer, String> calls = calls(vertx, 3, 2);
        vertx.runOnContext(v -> {
            IntStream.rangeClosed(1, 10).forEach(calls::submit);
            vertx.setTimer(50, t -> {
                test.verify(() -> assertThat(groups).hasSize(2));
                pending.forEach(p -> p.complete(List.of("", "", "")));
                vertx.setTimer(
                        50,
                        t2 -> test.verify(() -> {
                            assertThat(groups)
                                    .allSatisfy(group -> assertThat(group).hasSizeLessThanOrEqualTo(3));
                            assertThat(groups.stream().mapToInt(List::size).sum())
                                    .isEqualTo(10);
                            test.completeNow();
                        }));
            });
        });
    }

    @Test
    void aFailedCallFailsEveryRequestOfItsGroupAndTheNextGroupStillRuns(Vertx vertx, VertxTestContext test) {
        GroupedCalls<Integer, String> calls = calls(vertx, 100, 1);
        vertx.runOnContext(v -> {
            Future<String> first = calls.submit(1);
            List<Future<String>> second = new ArrayList<>();
            vertx.setTimer(10, t0 -> second.add(calls.submit(2)));
            vertx.setTimer(30, t -> {
                pending.get(0).fail(new IllegalStateException("connection lost"));
                vertx.setTimer(20, t2 -> {
                    pending.get(1).complete(answersTo(groups.get(1)));
                    second.get(0)
                            .onComplete(test.succeeding(answer -> test.verify(() -> {
                                assertThat(first.failed()).isTrue();
                                assertThat(first.cause()).hasMessage("connection lost");
                                assertThat(answer).isEqualTo("answer 2");
                                test.completeNow();
                            })));
                });
            });
        });
    }
}
