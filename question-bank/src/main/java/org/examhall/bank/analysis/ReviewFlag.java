package org.examhall.bank.analysis;

import org.examhall.bank.LocalizedText;

/** Why item analysis sends a question back to review. */
public enum ReviewFlag {
    TOO_HARD("过难：答对率低于 20%", "too hard: under 20 % answer it correctly"),
    TOO_EASY("过易：答对率高于 95%", "too easy: over 95 % answer it correctly"),
    NEGATIVE_DISCRIMINATION("区分度为负：成绩差的考生反而答对更多", "negative discrimination: weaker candidates do better on it"),
    WEAK_DISCRIMINATION("区分度过低：强弱考生答对率几乎相同", "hardly discriminates: strong and weak candidates do about as well"),
    KEY_SUSPECT(
            "答案可能有误：高分组中某干扰项的选择率高于正确答案", "key looks wrong: in the top group a distractor is chosen more than the key");

    private final LocalizedText reason;

    ReviewFlag(String zh, String en) {
        this.reason = new LocalizedText(zh, en);
    }

    public LocalizedText reason() {
        return reason;
    }
}
