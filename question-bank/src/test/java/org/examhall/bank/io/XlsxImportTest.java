package org.examhall.bank.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.bank.question.QuestionType;
import org.examhall.bank.question.SourceLevel;
import org.examhall.bank.question.TrueFalseOptions;
import org.junit.jupiter.api.Test;

class XlsxImportTest {

    private static final CategoryTree CATEGORIES = NationalCategories.load();
    private static final List<String> ABCD = List.of("6V", "12V", "24V", "36V");

    private static ParsedBatch parse(List<List<String>> rows) throws IOException {
        return new SpreadsheetQuestionImporter(CATEGORIES, ImportDefaults.only(SourceLevel.LOCAL))
                .parse(XlsxFiles.of(rows));
    }

    private static List<List<String>> goodRows() {
        return List.of(
                XlsxFiles.HEADER,
                XlsxFiles.row("判断题", "安全电压的最高等级是42V。", List.of(), "对", "安全电压", "1", "ELEC-LV"),
                XlsxFiles.row("判断", "可以用水扑救带电设备火灾。", List.of(), "×", "电气防火", "较易", "ELEC-LV"),
                XlsxFiles.row("单选题", "潮湿场所手持行灯电压不超过（　）。", ABCD, "b", "安全电压；照明", "3", "ELEC-LV"),
                XlsxFiles.row("多选题", "下列属于安全电压的有（　）。", ABCD, "A, B, D", "安全电压", "4", "ELEC-LV"));
    }

    @Test
    void every_bad_cell_is_reported_with_its_row_column_and_reason_in_both_languages() throws IOException {
        ParsedBatch batch = parse(List.of(
                XlsxFiles.HEADER,
                XlsxFiles.row("填空题", "", List.of(), "对", "安全电压", "1", "ELEC-LV"),
                XlsxFiles.row("单选题", "题干二", ABCD, "E", "安全电压", "很难", "ELEC-LV"),
                XlsxFiles.row("判断题", "题干三", List.of(), "对", "安全电压", "2", "NO-SUCH"),
                XlsxFiles.row("单选题", "", ABCD, "A", "安全电压", "2", "ELEC-LV")));

        assertThat(batch.rows()).isEmpty();
        assertThat(batch.problems())
                .extracting(ImportProblem::row, ImportProblem::column)
                .containsExactly(
                        tuple(2, "A (题型)"),
                        tuple(2, "B (题干)"),
                        tuple(3, "K (难度)"),
                        tuple(3, "I (答案)"),
                        tuple(4, "L (类别)"),
                        tuple(5, "B (题干)"));
        assertThat(batch.problems().get(0).reason().zh()).isEqualTo("无法识别的题型“填空题”，应为判断题、单选题或多选题");
        assertThat(batch.problems().get(0).reason().en())
                .isEqualTo("unknown question type '填空题'; expected 判断题, 单选题 or 多选题");
        assertThat(batch.problems().get(4).reason().en()).isEqualTo("unknown category code 'NO-SUCH'");
        assertThat(batch.problems().get(5).reason().zh()).isEqualTo("题干不能为空");
    }

    @Test
    void an_answer_naming_a_missing_option_is_reported_on_the_answer_column() throws IOException {
        ParsedBatch batch =
                parse(List.of(XlsxFiles.HEADER, XlsxFiles.row("单选题", "题干", ABCD, "E", "安全电压", "2", "ELEC-LV")));
        assertThat(batch.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isEqualTo(2);
            assertThat(problem.column()).isEqualTo("I (答案)");
            assertThat(problem.reason().en()).isEqualTo("answer E names an option that does not exist");
        });
    }

    @Test
    void the_notations_bureaus_use_are_understood() throws IOException {
        ParsedBatch batch = parse(goodRows());
        assertThat(batch.problems()).isEmpty();
        List<QuestionContent> contents =
                batch.rows().stream().map(ParsedRow::content).toList();
        assertThat(contents.get(0).answer()).isEqualTo(TrueFalseOptions.TRUE);
        assertThat(contents.get(0).options()).isEqualTo(TrueFalseOptions.TEXTS);
        assertThat(contents.get(1).answer()).isEqualTo(TrueFalseOptions.FALSE);
        assertThat(contents.get(1).difficulty()).isEqualTo(2);
        assertThat(contents.get(2).answer().letters()).isEqualTo("B");
        assertThat(contents.get(2).knowledgePoints()).containsExactly("安全电压", "照明");
        assertThat(contents.get(3).type()).isEqualTo(QuestionType.MULTIPLE_CHOICE);
        assertThat(contents.get(3).answer().letters()).isEqualTo("ABD");
        assertThat(contents.get(3).sourceLevel()).isEqualTo(SourceLevel.LOCAL);
    }

    @Test
    void one_bad_row_keeps_the_whole_file_out_of_the_bank() throws IOException {
        List<List<String>> rows = new ArrayList<>(goodRows());
        rows.add(XlsxFiles.row("单选题", "坏题", ABCD, "Z", "安全电压", "2", "ELEC-LV"));
        QuestionBank bank = QuestionBank.empty();

        ImportResult result = BankImport.apply(bank, parse(rows), ImportMode.APPLY, DuplicatePolicy.SKIP, "ELEC-LV");
        assertThat(result.applied()).isFalse();
        assertThat(result.bank()).isSameAs(bank);
        assertThat(result.questionCount()).isEqualTo(4);
        assertThat(result.problems()).extracting(ImportProblem::row).containsExactly(6);
    }

    @Test
    void a_dry_run_reports_but_changes_nothing() throws IOException {
        QuestionBank bank = QuestionBank.empty();
        ImportResult result =
                BankImport.apply(bank, parse(goodRows()), ImportMode.DRY_RUN, DuplicatePolicy.SKIP, "ELEC-LV");
        assertThat(result.applied()).isFalse();
        assertThat(result.hasProblems()).isFalse();
        assertThat(result.questionCount()).isEqualTo(4);
        assertThat(result.bank()).isSameAs(bank);
    }

    @Test
    void an_applied_import_adds_every_row_as_a_draft_in_one_bank_version() throws IOException {
        ImportResult result = BankImport.apply(
                QuestionBank.empty(), parse(goodRows()), ImportMode.APPLY, DuplicatePolicy.SKIP, "ELEC-LV");
        assertThat(result.applied()).isTrue();
        assertThat(result.bank().version()).isEqualTo(1);
        assertThat(result.bank().latestVersions())
                .extracting(Question::id, Question::status)
                .containsExactly(
                        tuple("ELEC-LV-00001", QuestionStatus.DRAFT),
                        tuple("ELEC-LV-00002", QuestionStatus.DRAFT),
                        tuple("ELEC-LV-00003", QuestionStatus.DRAFT),
                        tuple("ELEC-LV-00004", QuestionStatus.DRAFT));
    }

    @Test
    void missing_headers_are_reported_on_the_header_row() throws IOException {
        ParsedBatch batch = parse(List.of(List.of("题型", "题干", "选项A", "选项B", "答案")));
        assertThat(batch.problems()).extracting(ImportProblem::row).containsOnly(1);
        assertThat(batch.problems()).extracting(ImportProblem::column).containsExactly("难度", "类别");
    }

    @Test
    void a_file_that_is_not_a_spreadsheet_is_reported_not_thrown() {
        ParsedBatch batch = new SpreadsheetQuestionImporter(CATEGORIES, ImportDefaults.only(SourceLevel.LOCAL))
                .parse(new ByteArrayInputStream("不是表格".getBytes(StandardCharsets.UTF_8)));
        assertThat(batch.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason().en()).startsWith("cannot read"));
    }
}
