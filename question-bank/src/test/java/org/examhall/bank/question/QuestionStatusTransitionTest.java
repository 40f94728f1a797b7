package org.examhall.bank.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.examhall.bank.TestBanks;
import org.junit.jupiter.api.Test;

class QuestionStatusTransitionTest {

    private final Question draft = new Question("Q1", 1, QuestionStatus.DRAFT, TestBanks.single(1, "绝缘", 2));

    @Test
    void a_question_goes_from_draft_through_review_to_active_and_then_retired() {
        Question active = draft.withStatus(QuestionStatus.REVIEWED).withStatus(QuestionStatus.ACTIVE);
        assertThat(active.isActive()).isTrue();
        assertThat(active.withStatus(QuestionStatus.RETIRED).status()).isEqualTo(QuestionStatus.RETIRED);
    }

    @Test
    void a_draft_cannot_become_active_without_review() {
        assertThatThrownBy(() -> draft.withStatus(QuestionStatus.ACTIVE))
                .isInstanceOf(StatusTransitionException.class)
                .hasMessageContaining("Q1@1")
                .hasMessageContaining("DRAFT")
                .hasMessageContaining("ACTIVE")
                .hasMessageContaining("不能");
    }

    @Test
    void a_retired_question_never_returns() {
        Question retired = draft.withStatus(QuestionStatus.RETIRED);
        for (QuestionStatus next : QuestionStatus.values()) {
            assertThat(retired.status().canBecome(next))
                    .as("RETIRED -> " + next)
                    .isFalse();
        }
    }

    @Test
    void an_active_question_can_only_be_retired() {
        assertThat(QuestionStatus.ACTIVE.successors()).containsExactly(QuestionStatus.RETIRED);
    }

    @Test
    void a_reviewer_can_send_a_reviewed_question_back_to_draft() {
        assertThat(draft.withStatus(QuestionStatus.REVIEWED)
                        .withStatus(QuestionStatus.DRAFT)
                        .status())
                .isEqualTo(QuestionStatus.DRAFT);
    }
}
