package org.examhall.bank.assembly;

import java.nio.charset.StandardCharsets;

/**
 * Derives each candidate's paper seed from the sitting's seed and the candidate's id, so that the
 * server only has to keep one seed per sitting to draw every paper again.
 */
public final class PaperSeeds {

    private PaperSeeds() {}

    public static long forCandidate(long sittingSeed, String candidateId) {
        long h = SeededRandom.splitMix(sittingSeed);
        for (byte b : candidateId.getBytes(StandardCharsets.UTF_8)) {
            h = SeededRandom.splitMix(h ^ (b & 0xFF));
        }
        return h;
    }
}
