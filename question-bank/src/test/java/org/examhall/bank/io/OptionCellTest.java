package org.examhall.bank.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ways banks write several options in one cell or line. */
class OptionCellTest {

    @Test
    void marked_options_on_lines_or_on_one_line_are_split_in_letter_order() {
        assertThat(OptionCell.split("A.6V\nB.12V\nC.24V")).containsExactly("6V", "12V", "24V");
        assertThat(OptionCell.split("A、停电 B、验电 C、挂接地线")).containsExactly("停电", "验电", "挂接地线");
        assertThat(OptionCell.split("(A) 甲 （B）乙")).containsExactly("甲", "乙");
        assertThat(OptionCell.split("A：B超检查 B：C级绝缘")).containsExactly("B超检查", "C级绝缘");
    }

    @Test
    void a_cell_of_plain_lines_is_one_option_a_line_and_one_plain_line_is_none() {
        assertThat(OptionCell.split("停电\n验电\n\n挂接地线")).containsExactly("停电", "验电", "挂接地线");
        assertThat(OptionCell.split("停电、验电")).isEmpty();
        assertThat(OptionCell.split(null)).isEmpty();
    }

    @Test
    void a_line_may_continue_the_options_of_a_question_from_a_later_letter() {
        assertThat(OptionCell.split("C. 500  D. 220", 'C')).containsExactly("500", "220");
        assertThat(OptionCell.startsOption("D、以上都对")).isTrue();
        assertThat(OptionCell.startsOption("A类设备")).isFalse();
    }
}
