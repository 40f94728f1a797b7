package org.examhall.proctor.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The ways to reach one camera and which of them worked last, so a server that offers only RTP over UDP
 * is not asked for TCP again on every reconnection, yet TCP is tried again once UDP stops working.
 */
final class RtspTransports {

    private final List<SourceUrl> ways;
    private int current;

    RtspTransports(List<SourceUrl> ways) {
        this.ways = List.copyOf(ways);
    }

    SourceUrl current() {
        return ways.get(current);
    }

    /** The one that worked last, then the others in their configured order. */
    List<SourceUrl> inOrder() {
        List<SourceUrl> order = new ArrayList<>(ways.size());
        order.add(ways.get(current));
        for (int i = 0; i < ways.size(); i++) {
            if (i != current) {
                order.add(ways.get(i));
            }
        }
        return order;
    }

    /** @return whether this changes the way in use (worth telling the operator) */
    boolean worked(SourceUrl url) {
        int index = ways.indexOf(url);
        boolean changed = index != current;
        current = index;
        return changed;
    }
}
