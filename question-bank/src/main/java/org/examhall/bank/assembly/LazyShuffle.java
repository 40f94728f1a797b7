package org.examhall.bank.assembly;

/**
 * Yields the entries of a pool in a uniformly random order, one at a time, without copying the pool:
 * a Fisher–Yates shuffle that records only the swapped positions. A section draws tens of questions
 * from thousands, so this costs what is drawn, not the size of the bank, and the shared pool array is
 * never written, which keeps assembly thread-safe.
 */
final class LazyShuffle {

    private final int[] pool;
    private final SeededRandom random;
    private int drawn;
    // Open addressing from position to the entry swapped into it; a key is stored plus one so 0 means free.
    private int[] keys = new int[64];
    private int[] values = new int[64];
    private int used;

    LazyShuffle(int[] pool, SeededRandom random) {
        this.pool = pool;
        this.random = random;
    }

    boolean hasNext() {
        return drawn < pool.length;
    }

    int next() {
        int j = drawn + random.nextInt(pool.length - drawn);
        int picked = valueAt(j);
        if (j != drawn) {
            // Position `drawn` is never read again, so only j needs the entry that was at `drawn`.
            store(j, valueAt(drawn));
        }
        drawn++;
        return picked;
    }

    private int valueAt(int position) {
        int mask = keys.length - 1;
        for (int slot = mix(position) & mask; keys[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == position + 1) {
                return values[slot];
            }
        }
        return pool[position];
    }

    private void store(int position, int value) {
        if ((used + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = mix(position) & mask;
        while (keys[slot] != 0 && keys[slot] != position + 1) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == 0) {
            used++;
        }
        keys[slot] = position + 1;
        values[slot] = value;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldValues.length * 2];
        used = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                store(oldKeys[i] - 1, oldValues[i]);
            }
        }
    }

    private static int mix(int position) {
        int h = position * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
