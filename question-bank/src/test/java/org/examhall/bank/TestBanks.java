package org.examhall.bank;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintSection;
import org.examhall.bank.blueprint.ExposureRule;
import org.examhall.bank.blueprint.MultipleChoiceRule;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.bank.question.QuestionType;

/** Small hand-made banks and blueprints for tests. */
public final class TestBanks {

    public static final String CATEGORY = "ELEC-LV";

    private TestBanks() {}

    public static QuestionContent trueFalse(int n, String knowledgePoint, int difficulty) {
        return QuestionContent.trueFalse("判断题 " + n, n % 2 == 0, List.of(knowledgePoint), difficulty, CATEGORY);
    }

    public static QuestionContent single(int n, String knowledgePoint, int difficulty) {
        return QuestionContent.choice(
                QuestionType.SINGLE_CHOICE,
                "单选题 " + n,
                List.of("甲" + n, "乙" + n, "丙" + n, "丁" + n),
                "B",
                List.of(knowledgePoint),
                difficulty,
                CATEGORY);
    }

    public static QuestionContent multiple(int n, String knowledgePoint, int difficulty) {
        return QuestionContent.choice(
                QuestionType.MULTIPLE_CHOICE,
                "多选题 " + n,
                List.of("甲" + n, "乙" + n, "丙" + n, "丁" + n, "戊" + n),
                "ABD",
                List.of(knowledgePoint),
                difficulty,
                CATEGORY);
    }

    /** A bank of active questions: {@code tf} true/false, {@code single} and {@code multiple} choice. */
    public static QuestionBank activeBank(int tf, int single, int multiple) {
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < tf; i++) {
            questions.add(active("TF-" + i, trueFalse(i, "KP" + i % 4, 1 + i % 5)));
        }
        for (int i = 0; i < single; i++) {
            questions.add(active("SC-" + i, single(i, "KP" + i % 4, 1 + i % 5)));
        }
        for (int i = 0; i < multiple; i++) {
            questions.add(active("MC-" + i, multiple(i, "KP" + i % 4, 1 + i % 5)));
        }
        return QuestionBank.of(1, questions);
    }

    public static Question active(String id, QuestionContent content) {
        return new Question(id, 1, QuestionStatus.ACTIVE, content);
    }

    /** A valid blueprint for {@link #CATEGORY} with the given sections and total, pass at 60 %. */
    public static Blueprint blueprint(List<BlueprintSection> sections, MultipleChoiceRule rule, double share) {
        BigDecimal total = sections.stream().map(BlueprintSection::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Blueprint(
                "BP-TEST",
                "测试试卷",
                CATEGORY,
                60,
                total,
                total.multiply(new BigDecimal("0.6")),
                sections,
                rule,
                new ExposureRule(share));
    }

    public static Blueprint blueprint(int tf, int single, int multiple) {
        List<BlueprintSection> sections = new ArrayList<>();
        if (tf > 0) {
            sections.add(BlueprintSection.of(QuestionType.TRUE_FALSE, tf, "1"));
        }
        if (single > 0) {
            sections.add(BlueprintSection.of(QuestionType.SINGLE_CHOICE, single, "1"));
        }
        if (multiple > 0) {
            sections.add(BlueprintSection.of(QuestionType.MULTIPLE_CHOICE, multiple, "2"));
        }
        return blueprint(sections, MultipleChoiceRule.ALL_OR_NOTHING, 1.0);
    }
}
