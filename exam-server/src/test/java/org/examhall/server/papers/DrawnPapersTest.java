package org.examhall.server.papers;

import static org.assertj.core.api.Assertions.assertThat;

import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperAssembler;
import org.examhall.bank.demo.DemoBank;
import org.examhall.bank.io.PaperJson;
import org.junit.jupiter.api.Test;

/**
 * The memo only ever answers for the exact JSON that was stored; that scoring the drawn paper equals
 * scoring the one read back is pinned in question-bank (ScoringPropertiesTest).
 */
class DrawnPapersTest {

    private static final DemoBank DEMO = DemoBank.load();

    private static Paper draw(long seed) {
        return new PaperAssembler(DEMO.blueprints().get(0), DEMO.bank()).assemble(seed);
    }

    @Test
    void aHandInOfTheStoredJsonGetsThePaperDrawnHereOnceAndAnyOtherJsonNothing() throws Exception {
        DrawnPapers drawn = new DrawnPapers();
        Paper paper = draw(7);
        String stored = PaperJson.write(paper);
        drawn.remember(stored, paper);

        assertThat(drawn.take(stored.replaceFirst("\"seed\":7", "\"seed\":8")))
                .as("changed since it was drawn")
                .isEmpty();
        assertThat(drawn.take(PaperJson.write(draw(8)))).as("drawn elsewhere").isEmpty();
        assertThat(drawn.take(new String(stored.toCharArray())))
                .as("the same text, read back from the database")
                .containsSame(paper);
        assertThat(drawn.take(stored)).as("scored once, then forgotten").isEmpty();
        assertThat(drawn.size()).isZero();
    }

    @Test
    void papersNeverHandedInDoNotGrowTheMemoPastItsBound() throws Exception {
        DrawnPapers drawn = new DrawnPapers();
        Paper paper = draw(1);
        for (int i = 0; i <= DrawnPapers.MAX_PAPERS; i++) {
            drawn.remember("{\"n\":" + i + "}", paper);
        }
        assertThat(drawn.size()).isLessThanOrEqualTo(DrawnPapers.MAX_PAPERS);
    }
}
