package org.examhall.bank.assembly;

import java.util.BitSet;

/**
 * Draws the papers of one sitting so that any two share at most the blueprint's exposure limit of
 * questions. Each paper depends on its seed and on the papers drawn before it in this sitting; after a
 * restart, {@link #register} the papers already issued, in their original order, before drawing more.
 * Synchronised: papers of one sitting are drawn one after another by design.
 */
public final class SittingAssembler {

    /**
     * Draws tried per paper. The draw is greedy: late in a sitting it can corner itself (4 of 5
     * multiple-choice questions found within the exposure rule) where another order of the same pool
     * fits, and one paper that cannot be drawn stops a whole room at check-in. The retry seeds are
     * derived from the paper's seed, so a sitting stays reproducible from its seeds.
     */
    static final int ATTEMPTS = 8;

    private final PaperAssembler assembler;
    private final int sharedLimit;
    private final IntList[] papersUsing;
    private int paperCount;

    public SittingAssembler(PaperAssembler assembler) {
        this.assembler = assembler;
        this.sharedLimit = assembler
                .blueprint()
                .exposure()
                .sharedLimit(assembler.blueprint().questionCount());
        this.papersUsing = new IntList[assembler.plan().questions.length];
    }

    /** The next paper of the sitting. */
    public synchronized Paper assemble(long seed) {
        return drawAvoiding(seed, PaperAssembler.NOTHING_AVOIDED);
    }

    /** The next paper of the sitting, for a candidate retaking after {@code previous}. */
    public synchronized Paper assembleRetake(long seed, Paper previous) {
        return drawAvoiding(seed, assembler.indexesOf(previous));
    }

    /** Counts a paper issued earlier (e.g. before a restart) towards the exposure of later papers. */
    public synchronized void register(Paper paper) {
        BitSet indexes = assembler.indexesOf(paper);
        indexes.stream().forEach(this::markUsed);
        paperCount++;
    }

    public synchronized int paperCount() {
        return paperCount;
    }

    private Paper drawAvoiding(long seed, BitSet avoided) {
        long attemptSeed = seed;
        for (int attempt = 1; ; attempt++) {
            try {
                return record(assembler.draw(attemptSeed, avoided, new Guard()));
            } catch (AssemblyException cornered) {
                if (attempt == ATTEMPTS) {
                    throw cornered;
                }
                attemptSeed = SeededRandom.splitMix(attemptSeed);
            }
        }
    }

    private Paper record(PaperAssembler.Drawn drawn) {
        for (int index : drawn.indexes()) {
            markUsed(index);
        }
        paperCount++;
        return drawn.paper();
    }

    private void markUsed(int index) {
        if (papersUsing[index] == null) {
            papersUsing[index] = new IntList();
        }
        papersUsing[index].add(paperCount);
    }

    /** Counts, for the paper being drawn, how many questions it already shares with each earlier paper. */
    private final class Guard implements ExposureGuard {

        private final int[] sharedWith = new int[paperCount];

        @Override
        public boolean allows(int index) {
            IntList users = papersUsing[index];
            if (users == null) {
                return true;
            }
            for (int i = 0; i < users.size(); i++) {
                if (sharedWith[users.get(i)] >= sharedLimit) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void taken(int index) {
            IntList users = papersUsing[index];
            if (users != null) {
                for (int i = 0; i < users.size(); i++) {
                    sharedWith[users.get(i)]++;
                }
            }
        }

        @Override
        public int sharedLimit() {
            return sharedLimit;
        }
    }
}
