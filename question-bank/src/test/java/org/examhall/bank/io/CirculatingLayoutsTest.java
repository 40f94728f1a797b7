package org.examhall.bank.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.AnswerKey;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionType;
import org.examhall.bank.question.SourceLevel;
import org.examhall.bank.question.TrueFalseOptions;
import org.junit.jupiter.api.Test;

/**
 * The layouts banks circulate in, each written by the test: options in one column, answers as √/×,
 * 对/错 and A、C, .xls as well as .xlsx, numbered Word documents, and batch defaults for what they omit.
 */
class CirculatingLayoutsTest {

    private static final CategoryTree CATEGORIES = NationalCategories.load();
    private static final ImportDefaults DEFAULTS =
            new ImportDefaults(SourceLevel.NATIONAL, "ELEC-LV", 3, List.of("低压电工"));

    /** A bank as found: one 选项 column, no 知识点, 难度 or 类别 column. */
    private static final List<List<String>> ONE_OPTION_COLUMN = List.of(
            List.of("序号", "题型", "题目", "选项", "正确答案"),
            List.of("1", "判断题", "安全电压的最高等级是42V。", "", "√"),
            List.of("2", "判断题", "可以用水扑救带电设备火灾。", "", "×"),
            List.of("3", "判断", "电工作业人员必须持证上岗。", "", "对"),
            List.of("4", "单选题", "潮湿场所手持行灯电压不超过（　）。", "A.6V\nB.12V\nC.24V\nD.36V", "B"),
            List.of("5", "单选题", "低压电器一般指交流( )V以下的电器。", "A、1000 B、1200 C、500", "A"),
            List.of("6", "多选题", "下列属于安全电压的有（　）。", "A．6V\nB．12V\nC．110V\nD．24V", "A、B、D"));

    private static SpreadsheetQuestionImporter spreadsheets(ImportDefaults defaults) {
        return new SpreadsheetQuestionImporter(CATEGORIES, defaults);
    }

    private static void assertOneOptionColumnBank(ParsedBatch batch) {
        assertThat(batch.problems()).isEmpty();
        List<QuestionContent> contents =
                batch.rows().stream().map(ParsedRow::content).toList();
        assertThat(contents)
                .extracting(QuestionContent::type)
                .containsExactly(
                        QuestionType.TRUE_FALSE,
                        QuestionType.TRUE_FALSE,
                        QuestionType.TRUE_FALSE,
                        QuestionType.SINGLE_CHOICE,
                        QuestionType.SINGLE_CHOICE,
                        QuestionType.MULTIPLE_CHOICE);
        assertThat(contents)
                .extracting(QuestionContent::answer)
                .containsExactly(
                        TrueFalseOptions.TRUE,
                        TrueFalseOptions.FALSE,
                        TrueFalseOptions.TRUE,
                        AnswerKey.ofLetters("B"),
                        AnswerKey.ofLetters("A"),
                        AnswerKey.ofLetters("ABD"));
        assertThat(contents.get(3).options()).containsExactly("6V", "12V", "24V", "36V");
        assertThat(contents.get(4).options()).containsExactly("1000", "1200", "500");
        assertThat(contents.get(5).options()).containsExactly("6V", "12V", "110V", "24V");
        assertThat(contents).allSatisfy(c -> {
            assertThat(c.category()).isEqualTo("ELEC-LV");
            assertThat(c.difficulty()).isEqualTo(3);
            assertThat(c.knowledgePoints()).containsExactly("低压电工");
        });
    }

    @Test
    void options_in_one_column_and_the_usual_answer_notations_are_read_from_an_xlsx() throws IOException {
        ParsedBatch batch = spreadsheets(DEFAULTS).parse(XlsxFiles.of(ONE_OPTION_COLUMN));
        assertOneOptionColumnBank(batch);
        assertThat(batch.layout().en())
                .startsWith(".xlsx sheet, all options in one column")
                .contains("B=题型", "C=题干", "D=选项", "E=答案");
    }

    /**
     * The bank of the issue: 516 true/false and 402 single-choice questions without difficulty or
     * knowledge points, one true/false question twice word for word, and stems shared by questions with
     * other options (two 试电笔不可用来, three 配线不得使用铝导线配线).
     */
    @Test
    void the_918_question_bank_of_the_issue_imports_in_one_go_with_one_warning() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("题型", "题干", "选项", "答案"));
        for (int i = 1; i <= 515; i++) {
            rows.add(List.of("判断题", "低压电工判断题第 " + i + " 题：作业前应检查安全用具。", "", i % 2 == 0 ? "×" : "√"));
        }
        rows.add(List.of("判断题", "低压电工判断题第 7 题：作业前应检查安全用具。", "", "√"));
        for (int i = 1; i <= 397; i++) {
            rows.add(List.of("单选题", "低压电工单选题第 " + i + " 题：下列做法正确的是（ ）。", "A.停电验电后作业\nB.带电作业\nC.湿手操作", "A"));
        }
        rows.add(List.of("单选题", "试电笔不可用来（ ）。", "A.判断有电无电\nB.区分相线和中性线\nC.判断电压高低", "C"));
        rows.add(List.of("单选题", "试电笔不可用来（ ）。", "A.判断交流直流\nB.读取电阻数值\nC.判断有电无电", "B"));
        rows.add(List.of("单选题", "（ ）配线不得使用铝导线配线。", "A.办公室\nB.空气压缩机室\nC.金属加工场所", "B"));
        rows.add(List.of("单选题", "（ ）配线不得使用铝导线配线。", "A.舞台照明\nB.住宅\nC.库房", "A"));
        rows.add(List.of("单选题", "（ ）配线不得使用铝导线配线。", "A.浴室\nB.锅炉房\nC.舞台照明", "C"));
        ParsedBatch batch = spreadsheets(new ImportDefaults(SourceLevel.NATIONAL, "ELEC-LV", 3, List.of()))
                .parse(XlsxFiles.of(rows));

        long started = System.nanoTime();
        ImportResult result =
                BankImport.apply(QuestionBank.empty(), batch, ImportMode.APPLY, DuplicatePolicy.SKIP, "ELEC-LV");
        System.out.printf(
                "918-question bank: %d imported, %d warnings, %d problems in %d ms%n",
                result.questionCount(),
                result.warnings().size(),
                result.problems().size(),
                (System.nanoTime() - started) / 1_000_000);

        assertThat(result.problems()).isEmpty();
        assertThat(result.applied()).isTrue();
        assertThat(result.bank().latestVersions()).hasSize(917);
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.row()).isEqualTo(517);
            assertThat(w.reason().zh()).isEqualTo("与第 8 行完全重复，已跳过");
        });
    }

    @Test
    void an_xls_workbook_reads_like_an_xlsx() throws IOException {
        ParsedBatch batch = spreadsheets(DEFAULTS).parse(XlsxFiles.xls(ONE_OPTION_COLUMN));
        assertOneOptionColumnBank(batch);
        assertThat(batch.layout().zh()).startsWith(".xls 表格，选项写在同一列");
    }

    @Test
    void a_bad_option_cell_is_reported_on_the_options_column() throws IOException {
        ParsedBatch batch = spreadsheets(DEFAULTS)
                .parse(XlsxFiles.of(List.of(ONE_OPTION_COLUMN.get(0), List.of("1", "单选题", "题干", "6V、12V", "B"))));
        assertThat(batch.problems())
                .extracting(ImportProblem::row, ImportProblem::column)
                .contains(tuple(2, "D (选项)"));
    }

    @Test
    void without_defaults_the_missing_columns_are_reported_once_on_the_header() throws IOException {
        ParsedBatch batch =
                spreadsheets(ImportDefaults.only(SourceLevel.NATIONAL)).parse(XlsxFiles.of(ONE_OPTION_COLUMN));
        assertThat(batch.rows()).isEmpty();
        assertThat(batch.problems())
                .extracting(ImportProblem::row, ImportProblem::column)
                .containsExactly(tuple(1, "难度"), tuple(1, "类别"));
    }

    @Test
    void defaults_fill_only_empty_cells() throws IOException {
        ParsedBatch batch = spreadsheets(DEFAULTS)
                .parse(XlsxFiles.of(List.of(
                        XlsxFiles.HEADER,
                        XlsxFiles.row("判断题", "题一", List.of(), "对", "", "", ""),
                        XlsxFiles.row("判断题", "题二", List.of(), "对", "漏电保护", "5", "ELEC-HV"))));
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.rows())
                .extracting(
                        r -> r.content().difficulty(),
                        r -> r.content().category(),
                        r -> r.content().knowledgePoints())
                .containsExactly(tuple(3, "ELEC-LV", List.of("低压电工")), tuple(5, "ELEC-HV", List.of("漏电保护")));
    }

    @Test
    void an_unknown_default_category_is_one_problem_of_the_whole_file() throws IOException {
        ImportDefaults unknown = new ImportDefaults(SourceLevel.NATIONAL, "NO-SUCH", 3, List.of());
        ParsedBatch batch = spreadsheets(unknown).parse(XlsxFiles.of(ONE_OPTION_COLUMN));
        assertThat(batch.problems()).singleElement().satisfies(p -> {
            assertThat(p.row()).isZero();
            assertThat(p.reason().en()).isEqualTo("unknown default category code 'NO-SUCH'");
        });
    }

    @Test
    void json_questions_take_the_batch_defaults_too() {
        String json = "[{\"type\": \"判断题\", \"stem\": \"电工可以不穿绝缘鞋。\", \"answer\": \"错\"}]";
        ParsedBatch batch = new JsonQuestionImporter(CATEGORIES, DEFAULTS)
                .parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.rows()).singleElement().satisfies(r -> {
            assertThat(r.content().difficulty()).isEqualTo(3);
            assertThat(r.content().category()).isEqualTo("ELEC-LV");
        });
    }

    @Test
    void a_numbered_word_document_is_read_by_section_option_lines_and_answer_lines() throws IOException {
        ParsedBatch batch = new DocxQuestionImporter(CATEGORIES, DEFAULTS)
                .parse(DocxFiles.of(List.of(
                        "低压电工作业复审题库",
                        "一、判断题（共 2 题）",
                        "1. 安全电压的最高等级是42V。（ ）",
                        "答案：√",
                        "2．可以用水扑救带电设备火灾。（ ）",
                        "答案：错",
                        "二、单项选择题",
                        "1、试电笔不可用来（ ）。",
                        "A. 判断有电无电  B. 区分相线和中性线",
                        "C. 判断电压高低",
                        "答案：C",
                        "解析：试电笔只能粗略判断。",
                        "2. 潮湿场所手持行灯电压不超过",
                        "（　）伏。",
                        "A、6",
                        "B、12",
                        "C、24",
                        "答案：B",
                        "三、多选题",
                        "1. 下列属于安全电压的有（ ）。",
                        "A.6V B.12V C.110V D.24V",
                        "正确答案：A、B、D")));

        assertThat(batch.problems()).isEmpty();
        List<QuestionContent> contents =
                batch.rows().stream().map(ParsedRow::content).toList();
        assertThat(contents)
                .extracting(QuestionContent::type, QuestionContent::stem)
                .containsExactly(
                        tuple(QuestionType.TRUE_FALSE, "安全电压的最高等级是42V。（ ）"),
                        tuple(QuestionType.TRUE_FALSE, "可以用水扑救带电设备火灾。（ ）"),
                        tuple(QuestionType.SINGLE_CHOICE, "试电笔不可用来（ ）。"),
                        tuple(QuestionType.SINGLE_CHOICE, "潮湿场所手持行灯电压不超过（　）伏。"),
                        tuple(QuestionType.MULTIPLE_CHOICE, "下列属于安全电压的有（ ）。"));
        assertThat(contents.get(0).answer()).isEqualTo(TrueFalseOptions.TRUE);
        assertThat(contents.get(1).answer()).isEqualTo(TrueFalseOptions.FALSE);
        assertThat(contents.get(2).options()).containsExactly("判断有电无电", "区分相线和中性线", "判断电压高低");
        assertThat(contents.get(2).answer().letters()).isEqualTo("C");
        assertThat(contents.get(3).options()).containsExactly("6", "12", "24");
        assertThat(contents.get(4).answer().letters()).isEqualTo("ABD");
        assertThat(batch.rows()).extracting(ParsedRow::row).containsExactly(3, 5, 8, 13, 20);
        assertThat(batch.layout().en()).startsWith("Word document: 5 numbered questions");
    }

    @Test
    void a_word_question_without_a_section_takes_its_type_from_options_and_key() throws IOException {
        ParsedBatch batch = new DocxQuestionImporter(CATEGORIES, DEFAULTS)
                .parse(DocxFiles.of(List.of(
                        "1. 电工作业人员必须持证上岗。",
                        "答案：对",
                        "2. 下列属于安全电压的有（ ）。",
                        "A.6V B.12V C.110V",
                        "答案：AB",
                        "3. 试电笔不可用来（ ）。",
                        "A.判断有电无电 B.判断电压高低",
                        "答案：")));

        assertThat(batch.rows())
                .extracting(r -> r.content().type())
                .containsExactly(QuestionType.TRUE_FALSE, QuestionType.MULTIPLE_CHOICE);
        assertThat(batch.problems()).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(6);
            assertThat(p.column()).isEqualTo("答案");
        });
    }

    @Test
    void a_file_that_is_not_a_word_document_is_reported_not_thrown() {
        ParsedBatch batch = new DocxQuestionImporter(CATEGORIES, DEFAULTS)
                .parse(new ByteArrayInputStream("不是文档".getBytes(StandardCharsets.UTF_8)));
        assertThat(batch.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason().en()).startsWith("cannot read"));
    }
}
