package org.examhall.server.sitting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerSheetTest {

    @Test
    void aClearedAnswerIsNotAnswered() {
        AnswerSheet.Sheet sheet = new AnswerSheet.Sheet(Map.of(1, "A", 2, "", 3, "BC"), 7);
        assertThat(sheet.answered()).isEqualTo(2);
        assertThat(sheet.labelsJson().getString("2")).isEmpty();
    }

    @Test
    void anEmptySheetHasNothingAnswered() {
        assertThat(new AnswerSheet.Sheet(Map.of(), 0).answered()).isZero();
    }
}
