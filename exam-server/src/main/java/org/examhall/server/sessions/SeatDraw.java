package org.examhall.server.sessions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws seats at random: a uniform shuffle of the room's seats assigned to candidates in
 * registration order. The seed is recorded in the audit chain, so anyone can replay the draw and
 * see that neither the bureau nor an institution chose a seat.
 */
public final class SeatDraw {

    private SeatDraw() {}

    /**
     * @return candidate (sitting id) → seat number
     * @throws IllegalArgumentException when there are more candidates than seats
     */
    public static Map<Long, Integer> draw(List<Long> sittingIds, List<Integer> seats, long seed) {
        if (sittingIds.size() > seats.size()) {
            throw new IllegalArgumentException(sittingIds.size() + " candidates but only " + seats.size() + " seats");
        }
        List<Integer> shuffled = new ArrayList<>(seats);
        Collections.sort(shuffled);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        List<Long> ordered = new ArrayList<>(sittingIds);
        Collections.sort(ordered);
        Map<Long, Integer> assignment = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            assignment.put(ordered.get(i), shuffled.get(i));
        }
        return assignment;
    }
}
