package org.examhall.bank.assembly;

/**
 * xoshiro256** seeded through SplitMix64, with Lemire's bounded draw. The project's own generator
 * rather than {@code java.util.Random} or {@code SplittableRandom}, because a paper must be drawn
 * again identically years later for an appeal, and the JDK does not promise that its bounded draws
 * stay the same across releases. Not for secrets: seeds are chosen by the server, never guessed.
 */
public final class SeededRandom {

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    public SeededRandom(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
    }

    /** The SplitMix64 finaliser: spreads any 64-bit value, including 0, over the whole state. */
    static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A uniform value in [0, bound) without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long product = (nextLong() >>> 32) * bound;
        int low = (int) product;
        if (Integer.toUnsignedLong(low) < bound) {
            long threshold = Integer.toUnsignedLong(-bound) % bound;
            while (Integer.toUnsignedLong((int) product) < threshold) {
                product = (nextLong() >>> 32) * bound;
            }
        }
        return (int) (product >>> 32);
    }

    /** Shuffles the first {@code length} entries in place (Fisher–Yates). */
    public void shuffle(int[] values, int length) {
        for (int i = length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
