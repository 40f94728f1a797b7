package org.examhall.bank.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.QuestionField;
import org.examhall.bank.question.QuestionType;

/**
 * Reads the numbered Word documents banks are printed from: section headings (一、判断题, 单项选择题…)
 * set the type, {@code 1. stem（ ）} starts a question, {@code A. … B. …} lines (one or several options a
 * line) give its options and {@code 答案：B} its key. A question outside any section, or in a plain
 * 选择题 section, takes its type from what it has: no options is true/false, several letters multiple
 * choice. Difficulty, knowledge points and category come from the batch defaults. Problems are numbered
 * by the paragraph the question starts on.
 */
public final class DocxQuestionImporter {

    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,5})\\s*[.．、)）]\\s*(.*)$");
    private static final Pattern ANSWER = Pattern.compile("^(?:正确答案|参考答案|标准答案|答案)\\s*[:：]?\\s*(.*)$");
    private static final Pattern SECTION = Pattern.compile(
            "^(?:[一二三四五六七八九十]+\\s*[、.．]|第[一二三四五六七八九十]+部分)?\\s*" + "(判断题|单选题|单项选择题|多选题|多项选择题|选择题)(?:[\\s（(：:].*)?$");
    private static final Pattern EXPLANATION = Pattern.compile("^(?:解析|说明|分析)\\s*[:：].*");

    private static final ColumnNames COLUMNS = new ColumnNames() {
        @Override
        public String of(QuestionField field) {
            return switch (field) {
                case TYPE -> "题型";
                case STEM, IMAGE -> "题干";
                case OPTIONS -> "选项";
                case ANSWER -> "答案";
                case KNOWLEDGE_POINTS -> "知识点（默认）";
                case DIFFICULTY -> "难度（默认）";
                case CATEGORY -> "类别（默认）";
                case SOURCE_LEVEL -> "来源（默认）";
            };
        }

        @Override
        public String option(int index) {
            return "选项" + (char) ('A' + index);
        }
    };

    private final RawQuestionReader reader;

    public DocxQuestionImporter(CategoryTree categories, ImportDefaults defaults) {
        this.reader = new RawQuestionReader(categories::contains, defaults);
    }

    public ParsedBatch parse(InputStream docx) {
        List<String> paragraphs;
        try (XWPFDocument document = new XWPFDocument(docx)) {
            paragraphs = document.getParagraphs().stream()
                    .map(XWPFParagraph::getText)
                    .toList();
        } catch (IOException | RuntimeException unreadable) {
            // POI signals a file that is not a Word document with assorted unchecked exceptions.
            return ParsedBatch.unreadable(
                    "",
                    "无法读取 .docx 文件：" + unreadable.getMessage(),
                    "cannot read the .docx file: " + unreadable.getMessage());
        }
        List<Draft> drafts = drafts(paragraphs);
        List<ImportProblem> problems = new ArrayList<>();
        reader.checkDefaults(problems);
        List<ParsedRow> rows = new ArrayList<>();
        Map<String, Integer> typeCounts = new TreeMap<>();
        for (Draft draft : drafts) {
            ParsedRow row = reader.read(draft.raw(), COLUMNS, problems);
            if (row != null) {
                rows.add(row);
                typeCounts.merge(row.content().type().chineseName(), 1, Integer::sum);
            }
        }
        return new ParsedBatch(
                rows,
                problems,
                COLUMNS.of(QuestionField.STEM),
                new LocalizedText(
                        "Word 文档：" + drafts.size() + " 道编号试题，题型来自小节标题或选项与答案；可读试题 " + typeCounts,
                        "Word document: " + drafts.size() + " numbered questions, typed by section heading or by"
                                + " options and answer; readable " + typeCounts));
    }

    private static List<Draft> drafts(List<String> paragraphs) {
        List<Draft> drafts = new ArrayList<>();
        String section = null;
        Draft current = null;
        for (int p = 0; p < paragraphs.size(); p++) {
            String line = paragraphs.get(p).strip();
            Matcher numbered = NUMBERED.matcher(line);
            Matcher answer = ANSWER.matcher(line);
            Matcher heading = SECTION.matcher(line);
            if (line.isEmpty() || EXPLANATION.matcher(line).matches()) {
                continue;
            }
            if (heading.matches() && !numbered.matches()) {
                section = heading.group(1);
                current = null;
            } else if (numbered.matches()) {
                current = new Draft(p + 1, section, new StringBuilder(numbered.group(2)));
                drafts.add(current);
            } else if (current == null) {
                continue;
            } else if (answer.matches()) {
                current.answer = answer.group(1).strip();
            } else if (OptionCell.startsOption(line)) {
                current.options.addAll(OptionCell.split(line, (char) ('A' + current.options.size())));
            } else if (current.options.isEmpty() && current.answer == null) {
                current.stem.append(line);
            }
        }
        return drafts;
    }

    /** One numbered question as the document wrote it, filled in line by line. */
    private static final class Draft {
        final int paragraph;
        final String section;
        final StringBuilder stem;
        final List<String> options = new ArrayList<>();
        String answer;

        Draft(int paragraph, String section, StringBuilder stem) {
            this.paragraph = paragraph;
            this.section = section;
            this.stem = stem;
        }

        RawQuestion raw() {
            return new RawQuestion(
                    paragraph, type(), stem.toString(), null, options, answer, List.of(), null, null, null, null);
        }

        /** The section's type, or one read from the options and key where the section does not say. */
        private String type() {
            if (section != null && !section.equals("选择题")) {
                return section;
            }
            if (options.isEmpty()) {
                return section == null ? QuestionType.TRUE_FALSE.chineseName() : null;
            }
            String letters = answer == null ? "" : answer.replaceAll("[^A-Za-zＡ-Ｚａ-ｚ]", "");
            return (letters.length() > 1 ? QuestionType.MULTIPLE_CHOICE : QuestionType.SINGLE_CHOICE).chineseName();
        }
    }
}
