package org.examhall.bank.io;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.examhall.bank.question.AnswerKey;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionField;
import org.examhall.bank.question.QuestionType;
import org.examhall.bank.question.SourceLevel;
import org.examhall.bank.question.TrueFalseOptions;

/**
 * Turns raw rows into question content, reporting every bad cell of a row rather than the first, so a
 * bureau can fix a whole file in one pass. Shared by the spreadsheet and JSON imports.
 */
final class RawQuestionReader {

    private final Predicate<String> knownCategory;
    private final ImportDefaults defaults;

    /**
     * @param knownCategory whether a category code may be used, e.g. {@code tree::contains}
     * @param defaults      what rows that leave a field empty get
     */
    RawQuestionReader(Predicate<String> knownCategory, ImportDefaults defaults) {
        this.knownCategory = knownCategory;
        this.defaults = defaults;
    }

    /** Adds a problem of the whole file (row 0) when the default category is unknown. */
    void checkDefaults(List<ImportProblem> problems) {
        if (defaults.category() != null && !knownCategory.test(defaults.category())) {
            problems.add(ImportProblem.of(
                    0,
                    "category",
                    "默认类别代码“" + defaults.category() + "”不存在",
                    "unknown default category code '" + defaults.category() + "'"));
        }
    }

    /** The row's content, or null after adding its problems to {@code problems}. */
    ParsedRow read(RawQuestion raw, ColumnNames columns, List<ImportProblem> problems) {
        int before = problems.size();
        RowProblems row = new RowProblems(raw.row(), columns, problems);
        QuestionType type = BureauNotation.type(raw.type());
        if (type == null) {
            row.add(
                    QuestionField.TYPE,
                    "无法识别的题型“" + nullToEmpty(raw.type()) + "”，应为判断题、单选题或多选题",
                    "unknown question type '" + nullToEmpty(raw.type()) + "'; expected 判断题, 单选题 or 多选题");
        }
        List<String> options = type == null ? List.of() : options(type, raw, row);
        AnswerKey answer = type == null ? null : BureauNotation.answer(type, raw.answer());
        if (type != null && answer == null) {
            row.add(
                    QuestionField.ANSWER,
                    "无法识别的答案“" + nullToEmpty(raw.answer()) + "”",
                    "cannot read answer '" + nullToEmpty(raw.answer()) + "'");
        }
        Integer difficulty = isBlank(raw.difficulty()) && defaults.difficulty() != null
                ? defaults.difficulty()
                : BureauNotation.difficulty(raw.difficulty());
        if (difficulty == null) {
            row.add(
                    QuestionField.DIFFICULTY,
                    "难度应为 1–5 的整数，实际为“" + nullToEmpty(raw.difficulty()) + "”",
                    "difficulty must be a whole number from 1 to 5, got '" + nullToEmpty(raw.difficulty()) + "'");
        }
        String category = isBlank(raw.category()) && defaults.category() != null
                ? defaults.category()
                : nullToEmpty(raw.category()).strip();
        // An unknown default is reported once, by checkDefaults, not on every row that takes it.
        if (!category.isEmpty() && !knownCategory.test(category) && !category.equals(defaults.category())) {
            row.add(QuestionField.CATEGORY, "未知的类别代码“" + category + "”", "unknown category code '" + category + "'");
        }
        SourceLevel source = isBlank(raw.source()) ? defaults.source() : BureauNotation.source(raw.source());
        if (source == null) {
            row.add(
                    QuestionField.SOURCE_LEVEL,
                    "无法识别的来源“" + raw.source() + "”，应为国家级、省级或地方",
                    "unknown source level '" + raw.source() + "'; expected NATIONAL, PROVINCIAL or LOCAL");
        }
        String stem = nullToEmpty(raw.stem()).strip();
        // Rule checks run even after a cell failed to parse, so one pass reports every bad cell; a
        // field that already has a problem is not reported twice.
        int parsedDifficulty = difficulty == null ? 1 : difficulty;
        QuestionContent.problemsOf(type, stem, options, answer, parsedDifficulty, category, source).stream()
                .filter(p -> !row.reported(p.field()))
                .forEach(p -> row.add(p.field(), p.reason().zh(), p.reason().en()));
        if (problems.size() > before) {
            return null;
        }
        List<String> knowledgePoints = cleaned(raw.knowledgePoints());
        return new ParsedRow(
                raw.row(),
                new QuestionContent(
                        type,
                        stem,
                        blankToNull(raw.image()),
                        options,
                        answer,
                        knowledgePoints.isEmpty() ? defaults.knowledgePoints() : knowledgePoints,
                        parsedDifficulty,
                        category,
                        source,
                        BureauNotation.yes(raw.fixedOptionOrder())));
    }

    /**
     * True/false rows may leave the option cells empty or repeat 正确/错误; choice options run from A
     * without gaps.
     */
    private static List<String> options(QuestionType type, RawQuestion raw, RowProblems row) {
        List<String> written = new ArrayList<>();
        boolean gap = false;
        for (int i = 0; i < raw.options().size(); i++) {
            String cell =
                    raw.options().get(i) == null ? "" : raw.options().get(i).strip();
            if (cell.isEmpty()) {
                gap = true;
            } else if (gap) {
                row.addOption(
                        i,
                        "选项" + (char) ('A' + i) + "前有空选项",
                        "option " + (char) ('A' + i) + " follows an empty option");
                return written;
            } else {
                written.add(cell);
            }
        }
        return type == QuestionType.TRUE_FALSE && written.isEmpty() ? TrueFalseOptions.TEXTS : written;
    }

    private static List<String> cleaned(List<String> knowledgePoints) {
        return knowledgePoints == null
                ? List.of()
                : knowledgePoints.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .distinct()
                        .toList();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Collects the problems of one row, naming columns the source's way. */
    private record RowProblems(int row, ColumnNames columns, List<ImportProblem> problems, Set<QuestionField> fields) {

        RowProblems(int row, ColumnNames columns, List<ImportProblem> problems) {
            this(row, columns, problems, EnumSet.noneOf(QuestionField.class));
        }

        void add(QuestionField field, String zh, String en) {
            fields.add(field);
            problems.add(ImportProblem.of(row, columns.of(field), zh, en));
        }

        void addOption(int index, String zh, String en) {
            fields.add(QuestionField.OPTIONS);
            problems.add(ImportProblem.of(row, columns.option(index), zh, en));
        }

        boolean reported(QuestionField field) {
            return fields.contains(field);
        }
    }
}
