package org.examhall.bank.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.examhall.bank.TestBanks;
import org.junit.jupiter.api.Test;

class QuestionBankVersioningTest {

    private static QuestionBank withActiveQ1() {
        QuestionBank bank = QuestionBank.empty().add("Q1", TestBanks.single(1, "绝缘", 2));
        bank = bank.transition(new QuestionRef("Q1", 1), QuestionStatus.REVIEWED);
        return bank.transition(new QuestionRef("Q1", 1), QuestionStatus.ACTIVE);
    }

    @Test
    void editing_an_active_question_creates_a_new_draft_version_and_keeps_the_old_one() {
        QuestionBank bank = withActiveQ1();
        QuestionBank edited = bank.revise("Q1", TestBanks.single(2, "绝缘", 3));

        assertThat(edited.versions("Q1")).hasSize(2);
        assertThat(edited.find(new QuestionRef("Q1", 1)).orElseThrow())
                .isEqualTo(bank.find(new QuestionRef("Q1", 1)).orElseThrow());
        Question v2 = edited.latest("Q1").orElseThrow();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.status()).isEqualTo(QuestionStatus.DRAFT);
        assertThat(v2.content().stem()).isEqualTo("单选题 2");
    }

    @Test
    void editing_a_draft_replaces_it_in_place() {
        QuestionBank bank = QuestionBank.empty().add("Q1", TestBanks.single(1, "绝缘", 2));
        QuestionBank edited = bank.revise("Q1", TestBanks.single(2, "绝缘", 2));
        assertThat(edited.versions("Q1")).hasSize(1);
        assertThat(edited.latest("Q1").orElseThrow().content().stem()).isEqualTo("单选题 2");
    }

    @Test
    void activating_a_new_version_retires_the_previously_active_one() {
        QuestionBank bank = withActiveQ1().revise("Q1", TestBanks.single(2, "绝缘", 3));
        bank = bank.transition(new QuestionRef("Q1", 2), QuestionStatus.REVIEWED);
        bank = bank.transition(new QuestionRef("Q1", 2), QuestionStatus.ACTIVE);

        assertThat(bank.active()).extracting(Question::ref).containsExactly(new QuestionRef("Q1", 2));
        assertThat(bank.find(new QuestionRef("Q1", 1)).orElseThrow().status()).isEqualTo(QuestionStatus.RETIRED);
    }

    @Test
    void every_change_raises_the_bank_version_and_leaves_the_old_snapshot_untouched() {
        QuestionBank empty = QuestionBank.empty();
        QuestionBank one = empty.add("Q1", TestBanks.single(1, "绝缘", 2));
        assertThat(one.version()).isGreaterThan(empty.version());
        assertThat(empty.size()).isZero();
    }

    @Test
    void imported_drafts_get_fresh_ids_that_skip_ids_in_use() {
        QuestionBank bank = QuestionBank.empty().add("ELEC-LV-00001", TestBanks.single(1, "绝缘", 2));
        bank = bank.addAll("ELEC-LV", List.of(TestBanks.single(2, "绝缘", 2), TestBanks.single(3, "绝缘", 2)));
        assertThat(bank.latestVersions())
                .extracting(Question::id)
                .containsExactly("ELEC-LV-00001", "ELEC-LV-00002", "ELEC-LV-00003");
    }

    @Test
    void a_snapshot_with_two_active_versions_of_one_question_is_refused() {
        Question v1 = new Question("Q1", 1, QuestionStatus.ACTIVE, TestBanks.single(1, "绝缘", 2));
        Question v2 = new Question("Q1", 2, QuestionStatus.ACTIVE, TestBanks.single(2, "绝缘", 2));
        assertThatThrownBy(() -> QuestionBank.of(1, List.of(v1, v2))).hasMessageContaining("more than one active");
    }

    @Test
    void a_snapshot_with_a_gap_in_versions_is_refused() {
        Question v2 = new Question("Q1", 2, QuestionStatus.DRAFT, TestBanks.single(2, "绝缘", 2));
        assertThatThrownBy(() -> QuestionBank.of(1, List.of(v2))).hasMessageContaining("without gaps");
    }
}
