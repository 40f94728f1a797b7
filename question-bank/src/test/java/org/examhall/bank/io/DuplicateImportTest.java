package org.examhall.bank.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.SourceLevel;
import org.junit.jupiter.api.Test;

/** The identity of a question (type, folded stem, folded option set) and what an import does with twins. */
class DuplicateImportTest {

    private static final CategoryTree CATEGORIES = NationalCategories.load();

    @SafeVarargs
    private static ParsedBatch parse(List<String>... rows) throws IOException {
        List<List<String>> sheet = new ArrayList<>();
        sheet.add(XlsxFiles.HEADER);
        sheet.addAll(List.of(rows));
        return new SpreadsheetQuestionImporter(CATEGORIES, ImportDefaults.only(SourceLevel.NATIONAL))
                .parse(XlsxFiles.of(sheet));
    }

    private static List<String> single(String stem, List<String> options, String answer) {
        return XlsxFiles.row("单选题", stem, options, answer, "", "2", "ELEC-LV");
    }

    @Test
    void questions_sharing_a_stem_with_other_options_are_different_questions() throws IOException {
        ParsedBatch batch = parse(
                single("试电笔不可用来( )。", List.of("判断有电无电", "区分相线和中性线", "判断电压高低"), "C"),
                single("试电笔不可用来( )。", List.of("判断交流直流", "读取电阻数值", "判断有电无电"), "B"),
                single("( )配线不得使用铝导线配线。", List.of("办公室", "空气压缩机室", "金属加工场所"), "B"),
                single("( )配线不得使用铝导线配线。", List.of("舞台照明", "住宅", "库房"), "A"),
                single("( )配线不得使用铝导线配线。", List.of("浴室", "锅炉房", "舞台照明"), "C"));

        ImportResult result =
                BankImport.apply(QuestionBank.empty(), batch, ImportMode.APPLY, DuplicatePolicy.REFUSE, "ELEC-LV");

        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.bank().latestVersions()).hasSize(5);
    }

    @Test
    void an_exact_duplicate_typed_differently_is_skipped_with_a_warning() throws IOException {
        // Full-width brackets, an ideographic space, other spacing and another option order: the same question.
        ParsedBatch batch = parse(
                single("潮湿场所手持行灯电压不超过( )V。", List.of("12", "24", "36"), "A"),
                single("潮湿场所手持行灯电压不超过（　）V 。", List.of("36", "１２", "24"), "B"),
                single("另一道题", List.of("甲", "乙"), "A"));

        ImportResult result =
                BankImport.apply(QuestionBank.empty(), batch, ImportMode.APPLY, DuplicatePolicy.SKIP, "ELEC-LV");

        assertThat(result.applied()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings())
                .extracting(ImportProblem::row, ImportProblem::column)
                .containsExactly(tuple(3, "B (题干)"));
        assertThat(result.warnings().get(0).reason().en()).isEqualTo("exact duplicate of row 2, skipped");
        assertThat(result.warnings().get(0).reason().zh()).isEqualTo("与第 2 行完全重复，已跳过");
        assertThat(result.accepted()).extracting(ParsedRow::row).containsExactly(2, 4);
        assertThat(result.bank().latestVersions()).hasSize(2);
    }

    @Test
    void with_refuse_an_exact_duplicate_refuses_the_import() throws IOException {
        ParsedBatch batch = parse(
                XlsxFiles.row("判断题", "可以用水扑救带电设备火灾。", List.of(), "×", "", "2", "ELEC-LV"),
                XlsxFiles.row("判断题", "可以用水扑救带电设备火灾 。", List.of(), "错", "", "3", "ELEC-LV"));

        ImportResult result =
                BankImport.apply(QuestionBank.empty(), batch, ImportMode.APPLY, DuplicatePolicy.REFUSE, "ELEC-LV");

        assertThat(result.applied()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(3);
            assertThat(p.reason().en()).isEqualTo("exact duplicate of row 2");
        });
    }

    @Test
    void a_question_the_bank_already_holds_is_skipped_and_named() throws IOException {
        List<String> question = single("安全电压额定值的等级为( )V。", List.of("42", "36", "24"), "A");
        QuestionBank bank = BankImport.apply(
                        QuestionBank.empty(), parse(question), ImportMode.APPLY, DuplicatePolicy.SKIP, "ELEC-LV")
                .bank();

        ImportResult again = BankImport.apply(bank, parse(question), ImportMode.APPLY, DuplicatePolicy.SKIP, "ELEC-LV");

        assertThat(again.problems()).isEmpty();
        assertThat(again.questionCount()).isZero();
        assertThat(again.applied()).isFalse();
        assertThat(again.bank()).isSameAs(bank);
        assertThat(again.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w.reason().en())
                        .isEqualTo("exact duplicate of question ELEC-LV-00001 of the bank, skipped"));
    }

    @Test
    void identities_prepared_from_an_older_bank_version_are_rebuilt() throws IOException {
        List<String> question = single("漏电保护器应( )试验一次。", List.of("每月", "每年", "每天"), "A");
        BankIdentities stale = BankIdentities.of(QuestionBank.empty());
        QuestionBank bank = BankImport.apply(
                        QuestionBank.empty(), parse(question), ImportMode.APPLY, DuplicatePolicy.SKIP, "ELEC-LV")
                .bank();

        ImportResult again =
                BankImport.apply(bank, stale, parse(question), ImportMode.DRY_RUN, DuplicatePolicy.SKIP, "ELEC-LV");

        assertThat(again.warnings()).hasSize(1);
        assertThat(BankImport.apply(
                                bank,
                                BankIdentities.of(bank),
                                parse(question),
                                ImportMode.DRY_RUN,
                                DuplicatePolicy.SKIP,
                                "ELEC-LV")
                        .warnings())
                .hasSize(1);
    }

    @Test
    void a_conflicting_duplicate_is_an_error_naming_both_rows_whatever_the_policy() throws IOException {
        ParsedBatch batch = parse(
                single("电流对人体的伤害可以分为( )两种类型。", List.of("电伤、电击", "触电、电击", "电伤、电烙印"), "A"),
                single("电流对人体的伤害可以分为（ ）两种类型。", List.of("电伤、电击", "电伤、电烙印", "触电、电击"), "C"));

        for (DuplicatePolicy policy : DuplicatePolicy.values()) {
            ImportResult result = BankImport.apply(QuestionBank.empty(), batch, ImportMode.APPLY, policy, "ELEC-LV");
            assertThat(result.applied()).isFalse();
            assertThat(result.warnings()).isEmpty();
            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.row()).isEqualTo(3);
                assertThat(p.reason().zh()).isEqualTo("第 3 行与第 2 行题干和选项相同，答案却不同，请核对哪一个答案正确");
                assertThat(p.reason().en()).contains("row 3", "row 2");
            });
        }
    }

    @Test
    void the_same_question_in_another_category_is_not_a_duplicate() throws IOException {
        ParsedBatch batch = parse(
                single("绝缘手套应( )检验一次。", List.of("每半年", "每年", "每两年"), "A"),
                XlsxFiles.row("单选题", "绝缘手套应( )检验一次。", List.of("每半年", "每年", "每两年"), "A", "", "2", "ELEC-HV"));

        ImportResult result =
                BankImport.apply(QuestionBank.empty(), batch, ImportMode.DRY_RUN, DuplicatePolicy.REFUSE, "Q");

        assertThat(result.problems()).isEmpty();
        assertThat(result.questionCount()).isEqualTo(2);
    }
}
