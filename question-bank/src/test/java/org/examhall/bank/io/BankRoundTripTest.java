package org.examhall.bank.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperAssembler;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.demo.DemoBank;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionRef;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.bank.question.SourceLevel;
import org.junit.jupiter.api.Test;

class BankRoundTripTest {

    private static final DemoBank DEMO = DemoBank.load();

    /** The demo bank with a second version, a retired one and a draft, so every status travels. */
    private static QuestionBank bankWithHistory() {
        QuestionBank bank = DEMO.bank();
        Question first = bank.active().get(0);
        bank = bank.revise(first.id(), first.content());
        bank = bank.transition(new QuestionRef(first.id(), 2), QuestionStatus.REVIEWED);
        return bank.transition(new QuestionRef(first.id(), 2), QuestionStatus.ACTIVE);
    }

    @Test
    void a_bank_written_as_json_reads_back_as_the_same_snapshot() throws IOException {
        QuestionBank bank = bankWithHistory();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BankJson.write(bank, out);
        QuestionBank read = BankJson.read(new ByteArrayInputStream(out.toByteArray()), DEMO.categories());
        assertThat(read.version()).isEqualTo(bank.version());
        assertThat(read.allVersions()).isEqualTo(bank.allVersions());
    }

    @Test
    void questions_exported_to_xlsx_import_back_with_the_same_content() throws IOException {
        List<Question> questions = DEMO.bank().latestVersions();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxQuestionExporter.write(questions, out);

        ParsedBatch batch = new SpreadsheetQuestionImporter(
                        DEMO.categories(), ImportDefaults.only(SourceLevel.NATIONAL))
                .parse(new ByteArrayInputStream(out.toByteArray()));
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.rows())
                .extracting(ParsedRow::content)
                .isEqualTo(questions.stream().map(Question::content).toList());
    }

    @Test
    void pinned_option_order_images_and_source_levels_survive_the_xlsx_round_trip() throws IOException {
        QuestionContent plain = DEMO.bank().active().stream()
                .filter(q -> q.content().options().size() == 4)
                .findFirst()
                .orElseThrow()
                .content();
        QuestionContent unusual = new QuestionContent(
                plain.type(),
                plain.stem(),
                "images/valve.png",
                plain.options(),
                plain.answer(),
                plain.knowledgePoints(),
                plain.difficulty(),
                plain.category(),
                SourceLevel.PROVINCIAL,
                true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxQuestionExporter.write(List.of(new Question("X", 1, QuestionStatus.DRAFT, unusual)), out);
        ParsedBatch batch = new SpreadsheetQuestionImporter(
                        DEMO.categories(), ImportDefaults.only(SourceLevel.NATIONAL))
                .parse(new ByteArrayInputStream(out.toByteArray()));
        assertThat(batch.rows()).singleElement().extracting(ParsedRow::content).isEqualTo(unusual);
    }

    @Test
    void questions_exported_as_json_import_back_as_drafts_with_the_same_content() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BankJson.write(DEMO.bank(), out);
        ParsedBatch batch = new JsonQuestionImporter(DEMO.categories(), ImportDefaults.only(SourceLevel.LOCAL))
                .parse(new ByteArrayInputStream(out.toByteArray()));
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.rows())
                .extracting(ParsedRow::content)
                .isEqualTo(DEMO.bank().allVersions().stream()
                        .map(Question::content)
                        .toList());
    }

    @Test
    void an_archived_paper_reads_back_equal_keys_and_arrangement_included() throws IOException {
        Paper paper = new PaperAssembler(DEMO.blueprints().get(1), DEMO.bank()).assemble(77);
        assertThat(PaperJson.read(PaperJson.write(paper), DEMO.categories())).isEqualTo(paper);
    }

    @Test
    void an_archived_paper_still_reads_after_its_category_is_withdrawn() throws IOException {
        Paper paper = new PaperAssembler(DEMO.blueprints().get(1), DEMO.bank()).assemble(77);
        String archived = PaperJson.write(paper);
        CategoryTree withoutWelding = new CategoryTree(List.of(), List.of());
        assertThat(PaperJson.read(archived)).isEqualTo(paper);
        assertThatThrownBy(() -> PaperJson.read(archived, withoutWelding))
                .isInstanceOf(BankFormatException.class)
                .hasMessageContaining("unknown category code 'WELD-FUSION'");
    }
}
