package org.examhall.bank.assembly;

/**
 * How soon the exposure rule binds, estimated without drawing.
 *
 * <p>Two uniformly random papers share on average {@code E = Σ k²/n} questions (k drawn from a pool of
 * n, per section). Over P papers the shared counts of all pairs add up to at least what an even use of
 * every question gives, {@code (P²·E − P·K) / 2} for K questions a paper, and the rule allows at most
 * {@code P(P−1)/2 · L}. Hence {@code P ≤ (K − L) / (E − L)} whenever {@code E > L}. This is an upper
 * bound: a real sitting usually binds a little earlier, since draws are random and quotas narrow pools.
 * When {@code E ≤ L} the average pair is within the limit and the bound says nothing; the greedy draw
 * then steers each paper around the busiest questions.
 *
 * @param sharedLimit      L, the most questions two papers may share
 * @param expectedShared   E, the questions two unconstrained papers share on average
 * @param bounded          whether the estimate gives a finite number of papers
 * @param maxPapers        the estimated most papers per sitting when {@code bounded}
 */
public record ExposureEstimate(int paperSize, int sharedLimit, double expectedShared, boolean bounded, long maxPapers) {

    static ExposureEstimate of(int paperSize, int sharedLimit, double expectedShared) {
        if (expectedShared <= sharedLimit) {
            return new ExposureEstimate(paperSize, sharedLimit, expectedShared, false, 0);
        }
        long papers = (long) Math.floor((paperSize - sharedLimit) / (expectedShared - sharedLimit));
        return new ExposureEstimate(paperSize, sharedLimit, expectedShared, true, Math.max(1, papers));
    }
}
