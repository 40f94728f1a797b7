package org.examhall.bank.assembly;

import java.util.List;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.blueprint.DifficultyBand;
import org.examhall.bank.question.QuestionType;

/** Words for the constraints of a section, shared by pool checks and draw failures. */
final class ConstraintNames {

    private ConstraintNames() {}

    static String section(QuestionType type) {
        return type.name();
    }

    static String quota(QuestionType type, String knowledgePoint) {
        return type.name() + "/knowledgePoint=" + knowledgePoint;
    }

    static String band(QuestionType type, DifficultyBand band) {
        return type.name() + "/difficulty=" + band.from() + "-" + band.to();
    }

    /** "active questions in knowledge point X of difficulty 1-3" and its Chinese counterpart. */
    static LocalizedText quotaWhat(String knowledgePoint, List<DifficultyBand> bands) {
        String en = "active questions in knowledge point " + knowledgePoint;
        String zh = "知识点“" + knowledgePoint + "”";
        if (!coversAllDifficulties(bands)) {
            en += " of "
                    + String.join(
                            " or ", bands.stream().map(DifficultyBand::describe).toList());
            zh += "、"
                    + String.join(
                            "或", bands.stream().map(DifficultyBand::describeZh).toList());
        }
        return new LocalizedText(zh + "的在用试题", en);
    }

    static LocalizedText bandWhat(DifficultyBand band) {
        return new LocalizedText(band.describeZh() + "的在用试题", "active questions of " + band.describe());
    }

    static LocalizedText sectionWhat() {
        return new LocalizedText("在用试题", "active questions");
    }

    /** "section SINGLE_CHOICE needs 30 active questions …, bank has 12". */
    static PoolCheck poolCheck(String constraint, QuestionType type, LocalizedText what, int needed, int available) {
        return new PoolCheck(
                constraint,
                needed,
                available,
                new LocalizedText(
                        type.chineseName() + "部分需要" + what.zh() + " " + needed + " 道，题库只有 " + available + " 道",
                        "section " + type + " needs " + needed + " " + what.en() + ", bank has " + available));
    }

    private static boolean coversAllDifficulties(List<DifficultyBand> bands) {
        if (bands.isEmpty()) {
            return true;
        }
        for (int difficulty = 1; difficulty <= 5; difficulty++) {
            int d = difficulty;
            if (bands.stream().noneMatch(b -> b.contains(d))) {
                return false;
            }
        }
        return true;
    }
}
