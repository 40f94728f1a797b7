package org.examhall.bank.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionContentRulesTest {

    @Test
    void every_problem_of_a_question_is_reported_at_once() {
        InvalidQuestionException invalid = catchThrowableOfType(
                InvalidQuestionException.class,
                () -> new QuestionContent(
                        QuestionType.SINGLE_CHOICE,
                        " ",
                        null,
                        List.of("甲", "乙"),
                        AnswerKey.ofLetters("AB"),
                        List.of(),
                        9,
                        "",
                        SourceLevel.NATIONAL,
                        false));
        assertThat(invalid.problems())
                .extracting(QuestionProblem::field)
                .containsExactlyInAnyOrder(
                        QuestionField.STEM, QuestionField.ANSWER, QuestionField.DIFFICULTY, QuestionField.CATEGORY);
    }

    @Test
    void a_multiple_choice_question_needs_two_correct_options() {
        InvalidQuestionException invalid = catchThrowableOfType(
                InvalidQuestionException.class,
                () -> QuestionContent.choice(
                        QuestionType.MULTIPLE_CHOICE, "题", List.of("甲", "乙", "丙"), "A", List.of(), 2, "ELEC-LV"));
        assertThat(invalid.problems().get(0).reason().zh()).contains("至少有两个正确选项");
    }

    @Test
    void an_answer_naming_a_missing_option_is_refused() {
        InvalidQuestionException invalid = catchThrowableOfType(
                InvalidQuestionException.class,
                () -> QuestionContent.choice(
                        QuestionType.SINGLE_CHOICE, "题", List.of("甲", "乙", "丙"), "D", List.of(), 2, "ELEC-LV"));
        assertThat(invalid.problems().get(0).reason().en()).contains("answer D names an option that does not exist");
    }

    @Test
    void true_false_questions_always_offer_correct_then_wrong() {
        InvalidQuestionException invalid = catchThrowableOfType(
                InvalidQuestionException.class,
                () -> new QuestionContent(
                        QuestionType.TRUE_FALSE,
                        "题",
                        null,
                        List.of("对", "错"),
                        TrueFalseOptions.TRUE,
                        List.of(),
                        2,
                        "ELEC-LV",
                        SourceLevel.NATIONAL,
                        false));
        assertThat(invalid.problems()).extracting(QuestionProblem::field).containsExactly(QuestionField.OPTIONS);
    }

    @Test
    void options_with_the_same_text_are_refused() {
        InvalidQuestionException invalid = catchThrowableOfType(
                InvalidQuestionException.class,
                () -> QuestionContent.choice(
                        QuestionType.SINGLE_CHOICE, "题", List.of("甲", "甲"), "A", List.of(), 2, "ELEC-LV"));
        assertThat(invalid.problems()).extracting(QuestionProblem::field).containsExactly(QuestionField.OPTIONS);
    }
}
