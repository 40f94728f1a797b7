package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.bank.BankFixture.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.examhall.bank.io.BankJson;
import org.examhall.bank.io.ImportDefaults;
import org.examhall.bank.io.ParsedBatch;
import org.examhall.bank.io.ParsedRow;
import org.examhall.bank.io.SpreadsheetQuestionImporter;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.SourceLevel;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Exports that read back as what was exported, and the counts the statistics charts draw. */
class BankExportStatisticsTest {

    private final BankFixture bank = BankFixture.create();

    @Test
    void theJsonExportReadsBackAsTheSameQuestionsWithTheirVersionsAndStatuses() throws IOException {
        List<String> ids = bank.activeQuestions(3, 2);
        bank.importXlsx(
                BankFixture.xlsx(List.of(bank.row("判断题", "【" + bank.tag + "】一道草稿", List.of(), "对", "安全用具", "2"))),
                false);

        HttpResponse<Buffer> response = bank.admin.get("/api/bank/export?format=json&category=" + bank.category);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Disposition"))
                .contains("attachment")
                .contains(".json");
        QuestionBank exported = BankJson.read(
                new ByteArrayInputStream(response.body().getBytes()),
                bank.server.server().services().bankCatalog().categories());
        QuestionBank current =
                TestServer.await(bank.server.server().services().bankCatalog().currentBank());
        assertThat(exported.size()).isEqualTo(6);
        assertThat(exported.version()).isEqualTo(current.version());
        for (Question question : exported.allVersions()) {
            assertThat(current.find(question.ref())).contains(question);
        }
        assertThat(exported.active().stream().map(Question::id)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void theSpreadsheetExportReadsBackAsTheSameContentAndImportsAsDuplicates() {
        bank.activeQuestions(4, 3);

        HttpResponse<Buffer> response =
                bank.admin.get("/api/bank/export?format=xlsx&status=ACTIVE&category=" + bank.category);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).contains("spreadsheetml");
        byte[] file = response.body().getBytes();
        ParsedBatch batch = new SpreadsheetQuestionImporter(
                        bank.server.server().services().bankCatalog().categories(),
                        ImportDefaults.only(SourceLevel.NATIONAL))
                .parse(new ByteArrayInputStream(file));
        assertThat(batch.problems()).isEmpty();
        QuestionBank current =
                TestServer.await(bank.server.server().services().bankCatalog().currentBank());
        List<QuestionContent> inBank = current.active().stream()
                .filter(q -> q.content().category().equals(bank.category))
                .map(Question::content)
                .toList();
        assertThat(batch.rows().stream().map(ParsedRow::content).toList()).containsExactlyInAnyOrderElementsOf(inBank);

        // Importing the export again finds every question already in the bank: all skipped, nothing added.
        JsonObject job = bank.importAndWait(new JsonObject()
                .put("format", "xlsx")
                .put("contentBase64", Base64.getEncoder().encodeToString(file))
                .put("dryRun", true));
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getInteger("questionCount")).isZero();
        assertThat(job.getInteger("warningCount")).isEqualTo(7);
        assertThat(job.getJsonArray("warnings").getJsonObject(0).getString("zh"))
                .contains("完全重复");
    }

    @Test
    void statisticsCountQuestionsPerCategoryTypeDifficultyKnowledgePointAndStatus() {
        bank.activeQuestions(6, 4);
        bank.importXlsx(
                BankFixture.xlsx(
                        List.of(bank.row("单选题", "【" + bank.tag + "】草稿单选", List.of("甲", "乙"), "A", "新知识点", "5"))),
                false);

        JsonObject stats = bank.statistics();

        assertThat(stats.getInteger("questions")).isEqualTo(11);
        assertThat(stats.getInteger("active")).isEqualTo(10);
        assertThat(stats.getJsonObject("byStatus").getInteger("ACTIVE")).isEqualTo(10);
        assertThat(stats.getJsonObject("byStatus").getInteger("DRAFT")).isEqualTo(1);
        Map<String, JsonObject> byType = index(stats.getJsonArray("byType"), "type");
        assertThat(byType.get("TRUE_FALSE").getInteger("active")).isEqualTo(6);
        assertThat(byType.get("SINGLE_CHOICE").getInteger("total")).isEqualTo(5);
        assertThat(byType.get("SINGLE_CHOICE").getInteger("active")).isEqualTo(4);
        assertThat(byType.get("SINGLE_CHOICE").getString("name")).isEqualTo("单选题");
        JsonObject category = stats.getJsonArray("byCategory").getJsonObject(0);
        assertThat(category.getString("category")).isEqualTo(bank.category);
        assertThat(category.getString("name")).startsWith("测试操作项目");
        Map<String, JsonObject> byPoint = index(stats.getJsonArray("byKnowledgePoint"), "knowledgePoint");
        assertThat(byPoint.get("新知识点").getInteger("total")).isEqualTo(1);
        assertThat(byPoint.get("新知识点").getInteger("active")).isZero();
        int activeByPoint =
                byPoint.values().stream().mapToInt(p -> p.getInteger("active")).sum();
        assertThat(activeByPoint).isEqualTo(10);
        int byDifficulty = stats.getJsonArray("byDifficulty").stream()
                .mapToInt(d -> ((JsonObject) d).getInteger("total"))
                .sum();
        assertThat(byDifficulty).isEqualTo(11);
        assertThat(index(stats.getJsonArray("byDifficulty"), "difficulty")
                        .get("5")
                        .getInteger("total"))
                .isPositive();

        JsonObject whole = ok(bank.admin.get("/api/bank/statistics"), 200);
        assertThat(whole.getInteger("questions")).isGreaterThanOrEqualTo(11);
    }

    private static Map<String, JsonObject> index(JsonArray rows, String key) {
        return rows.stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(r -> String.valueOf(r.getValue(key)), r -> r));
    }
}
