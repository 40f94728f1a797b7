package org.examhall.bank.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.examhall.bank.demo.DemoBank;
import org.examhall.bank.question.SourceLevel;
import org.junit.jupiter.api.Test;

class JsonImportTest {

    private static final DemoBank DEMO = DemoBank.load();

    private static ParsedBatch parse(String json) {
        return new JsonQuestionImporter(DEMO.categories(), ImportDefaults.only(SourceLevel.LOCAL))
                .parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bad_questions_are_reported_by_position_and_field() {
        ParsedBatch batch = parse("""
                [{"type": "单选题", "stem": "好题", "options": ["甲", "乙"], "answer": "A",
                  "difficulty": 2, "category": "ELEC-LV"},
                 {"type": "单选题", "stem": "坏题", "options": ["甲", "", "丙"], "answer": "A",
                  "difficulty": "x", "category": "ELEC-LV", "source": "火星"}]
                """);
        assertThat(batch.rows()).extracting(ParsedRow::row).containsExactly(1);
        assertThat(batch.problems())
                .extracting(ImportProblem::row, ImportProblem::column)
                .containsExactly(tuple(2, "options[2]"), tuple(2, "difficulty"), tuple(2, "source"));
        assertThat(batch.problems().get(0).reason().zh()).isEqualTo("选项C前有空选项");
    }

    @Test
    void malformed_json_is_one_problem_not_an_exception() {
        ParsedBatch batch = parse("[{\"type\": ");
        assertThat(batch.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason().en()).startsWith("malformed JSON"));
    }

    @Test
    void a_corrupt_bank_snapshot_lists_every_bad_question() {
        String json = """
                {"format": "examhall-bank/1", "bankVersion": 3, "questions": [
                  {"id": "A", "version": 1, "status": "ACTIVE", "type": "判断题", "stem": "甲", "answer": "正确",
                   "difficulty": 1, "category": "ELEC-LV"},
                  {"id": "", "version": 0, "status": "LIVE", "type": "判断题", "stem": "乙", "answer": "正确",
                   "difficulty": 1, "category": "ELEC-LV"}]}
                """;
        BankFormatException error = catchThrowableOfType(
                BankFormatException.class,
                () -> BankJson.read(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), DEMO.categories()));
        assertThat(error.problems())
                .extracting(ImportProblem::row, ImportProblem::column)
                .containsExactly(tuple(2, "id"), tuple(2, "version"), tuple(2, "status"));
    }

    @Test
    void blueprints_read_and_write_as_json() throws IOException {
        var blueprint = DEMO.blueprints().get(0);
        assertThat(BlueprintJson.read(BlueprintJson.write(blueprint))).isEqualTo(blueprint);
    }
}
