package org.examhall.bank.blueprint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.QuestionType;

/** Checks that a blueprint is internally consistent: points add up, counts fit, bands cover. */
public final class BlueprintValidator {

    /** Assembly tracks a question's quotas as bits of one long. */
    public static final int MAX_QUOTAS_PER_SECTION = 64;

    private BlueprintValidator() {}

    /** Every problem of the blueprint, including a category the tree does not know. */
    public static List<BlueprintProblem> validate(Blueprint blueprint, CategoryTree categories) {
        List<BlueprintProblem> problems = validate(blueprint);
        if (!categories.contains(blueprint.category())) {
            problems.add(BlueprintProblem.of(
                    "category", "未知的类别代码 " + blueprint.category(), "unknown category code " + blueprint.category()));
        }
        return problems;
    }

    /** Every problem of the blueprint on its own; empty when it can be used for assembly. */
    public static List<BlueprintProblem> validate(Blueprint blueprint) {
        List<BlueprintProblem> problems = new ArrayList<>();
        checkPaper(blueprint, problems);
        Set<QuestionType> seenTypes = EnumSet.noneOf(QuestionType.class);
        for (int i = 0; i < blueprint.sections().size(); i++) {
            BlueprintSection section = blueprint.sections().get(i);
            String path = "sections[" + i + "]";
            if (!seenTypes.add(section.type())) {
                problems.add(BlueprintProblem.of(
                        path + ".type",
                        "题型 " + section.type().chineseName() + " 出现了两个部分",
                        "more than one section of type " + section.type()));
            }
            checkSection(path, section, problems);
        }
        return problems;
    }

    private static void checkPaper(Blueprint blueprint, List<BlueprintProblem> problems) {
        if (blueprint.category().isBlank()) {
            problems.add(BlueprintProblem.of("category", "缺少类别", "category is missing"));
        }
        if (blueprint.durationMinutes() <= 0) {
            problems.add(BlueprintProblem.of(
                    "durationMinutes",
                    "考试时长须大于 0 分钟",
                    "duration must be more than 0 minutes, got " + blueprint.durationMinutes()));
        }
        if (blueprint.sections().isEmpty()) {
            problems.add(BlueprintProblem.of("sections", "至少需要一个题型部分", "at least one section is needed"));
        }
        BigDecimal sum =
                blueprint.sections().stream().map(BlueprintSection::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(blueprint.totalPoints()) != 0) {
            problems.add(BlueprintProblem.of(
                    "totalPoints",
                    "各部分分值合计 " + sum.toPlainString() + " 分，与总分 "
                            + blueprint.totalPoints().toPlainString() + " 分不符",
                    "sections add up to " + sum.toPlainString() + " points but the total is "
                            + blueprint.totalPoints().toPlainString()));
        }
        if (blueprint.passMark().signum() <= 0 || blueprint.passMark().compareTo(blueprint.totalPoints()) > 0) {
            problems.add(BlueprintProblem.of(
                    "passMark",
                    "及格分须大于 0 且不超过总分",
                    "pass mark must be above 0 and at most the total of "
                            + blueprint.totalPoints().toPlainString()));
        }
        double share = blueprint.exposure().maxSharedShare();
        if (!(share > 0 && share <= 1)) {
            problems.add(BlueprintProblem.of(
                    "exposure.maxSharedShare",
                    "两份试卷相同试题的比例上限须在 (0, 1] 之内",
                    "the share of questions two papers may have in common must be in (0, 1], got " + share));
        }
    }

    private static void checkSection(String path, BlueprintSection section, List<BlueprintProblem> problems) {
        if (section.count() <= 0) {
            problems.add(BlueprintProblem.of(path + ".count", "题量须大于 0", "count must be more than 0"));
        }
        if (section.pointsEach().signum() <= 0) {
            problems.add(BlueprintProblem.of(path + ".pointsEach", "每题分值须大于 0", "points each must be more than 0"));
        }
        checkQuotas(path, section, problems);
        checkBands(path, section, problems);
    }

    private static void checkQuotas(String path, BlueprintSection section, List<BlueprintProblem> problems) {
        if (section.knowledgePointQuotas().size() > MAX_QUOTAS_PER_SECTION) {
            problems.add(BlueprintProblem.of(
                    path + ".knowledgePointQuotas",
                    "每部分最多 " + MAX_QUOTAS_PER_SECTION + " 个知识点配额",
                    "a section may have at most " + MAX_QUOTAS_PER_SECTION + " knowledge-point quotas"));
        }
        Set<String> seen = new HashSet<>();
        for (int q = 0; q < section.knowledgePointQuotas().size(); q++) {
            KnowledgePointQuota quota = section.knowledgePointQuotas().get(q);
            String quotaPath = path + ".knowledgePointQuotas[" + q + "]";
            if (!seen.add(quota.knowledgePoint())) {
                problems.add(BlueprintProblem.of(
                        quotaPath,
                        "知识点 " + quota.knowledgePoint() + " 重复",
                        "knowledge point " + quota.knowledgePoint() + " is listed twice"));
            }
            if (quota.minCount() <= 0 || quota.minCount() > section.count()) {
                problems.add(BlueprintProblem.of(
                        quotaPath + ".minCount",
                        "知识点最少题数须在 1 到本部分题量 " + section.count() + " 之间",
                        "a knowledge-point minimum must be from 1 to the section's count of " + section.count()));
            }
        }
    }

    private static void checkBands(String path, BlueprintSection section, List<BlueprintProblem> problems) {
        List<DifficultyBand> bands = section.difficultyBands();
        if (bands.isEmpty()) {
            return;
        }
        int total = 0;
        for (int b = 0; b < bands.size(); b++) {
            DifficultyBand band = bands.get(b);
            String bandPath = path + ".difficultyBands[" + b + "]";
            if (band.from() < 1 || band.to() > 5 || band.from() > band.to()) {
                problems.add(BlueprintProblem.of(
                        bandPath, "难度区间须在 1–5 之内且下限不大于上限", "a difficulty band must lie within 1-5 with from <= to"));
            }
            if (band.count() <= 0) {
                problems.add(BlueprintProblem.of(
                        bandPath + ".count", "难度区间题数须大于 0", "a difficulty band's count must be more than 0"));
            }
            for (int other = 0; other < b; other++) {
                if (overlap(band, bands.get(other))) {
                    problems.add(BlueprintProblem.of(
                            bandPath,
                            "难度区间与第 " + (other + 1) + " 个区间重叠",
                            "difficulty band overlaps band " + (other + 1)));
                }
            }
            total += band.count();
        }
        if (total != section.count()) {
            problems.add(BlueprintProblem.of(
                    path + ".difficultyBands",
                    "难度分布合计 " + total + " 题，与本部分题量 " + section.count() + " 不符",
                    "difficulty bands add up to " + total + " questions but the section has " + section.count()));
        }
    }

    private static boolean overlap(DifficultyBand a, DifficultyBand b) {
        return a.from() <= b.to() && b.from() <= a.to();
    }
}
