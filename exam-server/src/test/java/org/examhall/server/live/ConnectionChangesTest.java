package org.examhall.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules by which a node reports a terminal falling silent or coming back, on plain times (ms, a 20 s
 * threshold): a node's own times alone say when to look, the other members' times say whether the change is
 * real and who reports it.
 */
class ConnectionChangesTest {

    private static final long SILENT_AFTER = 20_000;
    private static final long SESSION = 7;

    private final ConnectionChanges node = new ConnectionChanges(SILENT_AFTER);

    @Test
    void aTerminalsFirstBeatIsReportedOnceAndItsSilenceOnceAfterTheThreshold() {
        Map<Long, Long> heard = Map.of(701L, 1_000L);
        assertThat(node.unsettled(SESSION, heard, 1_500))
                .as("never heard before: it came")
                .isTrue();
        assertThat(node.settle(SESSION, heard, Map.of(), 1_500)).containsExactly(701L);
        assertThat(node.unsettled(SESSION, heard, 2_000)).isFalse();
        assertThat(node.settle(SESSION, heard, Map.of(), 2_000))
                .as("nothing new")
                .isEmpty();

        assertThat(node.unsettled(SESSION, heard, 20_999))
                .as("19.999 s of silence")
                .isFalse();
        assertThat(node.unsettled(SESSION, heard, 21_000)).isTrue();
        assertThat(node.settle(SESSION, heard, Map.of(), 21_000)).containsExactly(701L);
        assertThat(node.unsettled(SESSION, heard, 60_000))
                .as("silent, and already reported")
                .isFalse();

        Map<Long, Long> back = Map.of(701L, 60_000L);
        assertThat(node.unsettled(SESSION, back, 61_000)).isTrue();
        assertThat(node.settle(SESSION, back, Map.of(), 61_000))
                .as("heard again")
                .containsExactly(701L);
    }

    @Test
    void aTerminalStillHeardByAnotherMemberIsNotReportedSilent() {
        node.settle(SESSION, Map.of(801L, 0L), Map.of(), 100);
        // Its requests now reach the other node, which heard it 5 s ago.
        assertThat(node.unsettled(SESSION, Map.of(801L, 0L), 25_000)).isTrue();
        assertThat(node.settle(SESSION, Map.of(801L, 0L), Map.of(801L, 20_000L), 25_000))
                .isEmpty();
        assertThat(node.unsettled(SESSION, Map.of(801L, 0L), 26_000))
                .as("settled: not looked at again")
                .isFalse();
    }

    @Test
    void onlyTheMemberThatHeardASilentTerminalLastReportsIt() {
        ConnectionChanges other = new ConnectionChanges(SILENT_AFTER);
        Map<Long, Long> here = Map.of(901L, 10_000L);
        Map<Long, Long> there = Map.of(901L, 13_000L);
        node.settle(SESSION, here, Map.of(), 10_500);
        other.settle(SESSION, there, here, 13_500);

        // Silent since 13 s on both nodes: at 33 s each node's own time is past the threshold.
        assertThat(node.settle(SESSION, here, there, 33_000))
                .as("heard it earlier")
                .isEmpty();
        assertThat(other.settle(SESSION, there, here, 33_000))
                .as("heard it last")
                .containsExactly(901L);
    }

    @Test
    void aReturnIsReportedByTheMemberThatHeardItFirst() {
        ConnectionChanges other = new ConnectionChanges(SILENT_AFTER);
        // Both nodes heard 1001 until 0 s, and saw it go silent.
        node.settle(SESSION, Map.of(1001L, 0L), Map.of(), 100);
        other.settle(SESSION, Map.of(1001L, 0L), Map.of(), 100);
        node.settle(SESSION, Map.of(1001L, 0L), Map.of(1001L, 0L), 21_000);
        other.settle(SESSION, Map.of(1001L, 0L), Map.of(1001L, 0L), 21_000);

        // It comes back on this node at 50 s, then beats on the other at 55 s.
        assertThat(node.settle(SESSION, Map.of(1001L, 50_000L), Map.of(1001L, 0L), 51_000))
                .containsExactly(1001L);
        assertThat(other.settle(SESSION, Map.of(1001L, 55_000L), Map.of(1001L, 50_000L), 56_000))
                .as("this node saw it connected already")
                .isEmpty();
    }

    @Test
    void aTerminalNeverSilentClusterWideIsNotReportedWhenItsBeatsComeBackToThisNode() {
        node.settle(SESSION, Map.of(1101L, 0L), Map.of(), 100);
        node.settle(SESSION, Map.of(1101L, 0L), Map.of(1101L, 18_000L), 21_000);
        // The other node heard it at 38 s; it is back here at 40 s.
        assertThat(node.settle(SESSION, Map.of(1101L, 40_000L), Map.of(1101L, 38_000L), 41_000))
                .isEmpty();
    }

    @Test
    void sittingsAndSessionsNoLongerHeardAreForgotten() {
        node.settle(SESSION, Map.of(1201L, 0L, 1202L, 0L), Map.of(), 100);
        node.settle(SESSION, Map.of(1202L, 0L), Map.of(), 200);
        assertThat(node.unsettled(SESSION, Map.of(1201L, 300L), 400))
                .as("1201 was forgotten: its next beat is a return")
                .isTrue();
        node.retain(Set.of());
        assertThat(node.unsettled(SESSION, Map.of(1202L, 300L), 400))
                .as("the whole session was forgotten")
                .isTrue();
    }
}
