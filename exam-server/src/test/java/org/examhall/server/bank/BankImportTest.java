package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.bank.BankFixture.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Imports over HTTP into the real database: .xlsx (as Base64 JSON and as a raw body), JSON and QTI;
 * all or nothing, with a report of every bad cell by row and column, and dry runs that change nothing.
 */
class BankImportTest {

    private final BankFixture bank = BankFixture.create();

    @Test
    void aGoodSpreadsheetAddsEveryRowAsADraftAndReportsProgressToTheEnd() {
        long versionBefore = bank.bankVersion();

        JsonObject job = bank.importXlsx(BankFixture.xlsx(bank.goodRows(6, 4)), false);

        assertThat(job.getString("status")).as(job.encode()).isEqualTo("SUCCEEDED");
        assertThat(job.getString("phase")).isEqualTo("DONE");
        assertThat(job.getInteger("total")).isEqualTo(10);
        assertThat(job.getInteger("processed")).isEqualTo(10);
        assertThat(job.getInteger("imported")).isEqualTo(10);
        assertThat(job.getJsonArray("problems")).isEmpty();
        assertThat(job.getLong("bankVersion")).isGreaterThan(versionBefore);

        JsonObject page = bank.questions("importId=" + job.getLong("id"));
        assertThat(page.getLong("total")).isEqualTo(10);
        JsonArray items = page.getJsonArray("items");
        items.forEach(item -> {
            JsonObject question = (JsonObject) item;
            assertThat(question.getString("status")).isEqualTo("DRAFT");
            assertThat(question.getInteger("version")).isEqualTo(1);
            assertThat(question.getString("category")).isEqualTo(bank.category);
            assertThat(question.getString("id")).startsWith(bank.category + "-");
        });
        JsonObject single = items.stream()
                .map(JsonObject.class::cast)
                .filter(q -> q.getString("type").equals("SINGLE_CHOICE"))
                .findFirst()
                .orElseThrow();
        assertThat(single.getJsonArray("options")).hasSize(4);
        assertThat(single.getString("answer")).isEqualTo("A");
        assertThat(bank.statistics().getJsonObject("byStatus").getInteger("DRAFT"))
                .isEqualTo(10);
    }

    @Test
    void aBadSpreadsheetIsRefusedWholeWithEveryBadCellByRowAndColumn() {
        List<List<String>> rows = new ArrayList<>(bank.goodRows(3, 0));
        rows.add(bank.row("单选题", "【" + bank.tag + "】答案指向不存在的选项", List.of("甲", "乙"), "D", "安全用具", "3"));
        rows.add(bank.row("问答题", "【" + bank.tag + "】题型不存在", List.of(), "正确", "安全用具", "很难"));
        rows.add(bank.row("多选题", "", List.of("甲", "乙", "丙"), "A", "安全用具", "2"));
        long versionBefore = bank.bankVersion();
        int questionsBefore = bank.statistics().getInteger("questions");

        JsonObject job = bank.importXlsx(BankFixture.xlsx(rows), false);

        assertThat(job.getString("status")).isEqualTo("REJECTED");
        assertThat(job.getInteger("imported")).isZero();
        assertThat(job.getValue("bankVersion")).isNull();
        assertThat(job.getInteger("total")).isEqualTo(6);
        assertThat(job.getInteger("questionCount")).isEqualTo(3);
        JsonArray problems = job.getJsonArray("problems");
        assertThat(problems).isNotEmpty();
        assertThat(job.getInteger("problemCount")).isEqualTo(problems.size());
        // Rows count as the spreadsheet shows them: header = 1, so the bad rows are 5, 6 and 7.
        assertThat(problem(problems, 5, "I (答案)").getString("zh")).contains("D");
        assertThat(problem(problems, 6, "A (题型)").getString("en")).contains("question type");
        assertThat(problem(problems, 6, "K (难度)").getString("zh")).contains("难度");
        assertThat(problem(problems, 7, "B (题干)").getString("en")).isNotBlank();
        assertThat(problem(problems, 7, "I (答案)").getString("zh")).contains("多选题");
        problems.forEach(p -> assertThat(((JsonObject) p).getString("zh")).matches(".*[\\u4e00-\\u9fa5].*"));

        // Nothing was added, not even the three good rows.
        assertThat(bank.bankVersion()).isEqualTo(versionBefore);
        assertThat(bank.statistics().getInteger("questions")).isEqualTo(questionsBefore);
        assertThat(bank.questions("importId=" + job.getLong("id")).getLong("total"))
                .isZero();
    }

    @Test
    void aDryRunReportsWhatWouldHappenAndChangesNothing() {
        long versionBefore = bank.bankVersion();

        JsonObject job = bank.importXlsx(BankFixture.xlsx(bank.goodRows(4, 2)), true);

        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getBoolean("dryRun")).isTrue();
        assertThat(job.getInteger("questionCount")).isEqualTo(6);
        assertThat(job.getInteger("imported")).isZero();
        assertThat(job.getValue("bankVersion")).isNull();
        assertThat(bank.bankVersion()).isEqualTo(versionBefore);
        assertThat(bank.questions("q=" + bank.tag).getLong("total")).isZero();

        // The same file for real then goes in whole.
        assertThat(bank.importXlsx(BankFixture.xlsx(bank.goodRows(4, 2)), false).getInteger("imported"))
                .isEqualTo(6);
    }

    @Test
    void aSpreadsheetCanBeUploadedAsTheRawBody() {
        byte[] file = BankFixture.xlsx(bank.goodRows(2, 1));
        HttpResponse<Buffer> started = bank.sendRaw(
                "/api/bank/imports?fileName=raw.xlsx&dryRun=false",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Buffer.buffer(file));

        JsonObject job = bank.awaitJob(started);

        assertThat(job.getString("status")).as(job.encode()).isEqualTo("SUCCEEDED");
        assertThat(job.getString("format")).isEqualTo("XLSX");
        assertThat(job.getString("fileName")).isEqualTo("raw.xlsx");
        assertThat(job.getInteger("imported")).isEqualTo(3);
    }

    @Test
    void aQuestionTheBankAlreadyHoldsIsSkippedWithAWarningOrRefusedWhenTheImportSaysSo() {
        List<List<String>> rows = bank.goodRows(2, 0);
        assertThat(bank.importXlsx(BankFixture.xlsx(rows), false).getString("status"))
                .isEqualTo("SUCCEEDED");
        long versionBefore = bank.bankVersion();

        JsonObject again = bank.importXlsx(BankFixture.xlsx(rows), false);

        assertThat(again.getString("status")).as(again.encode()).isEqualTo("SUCCEEDED");
        assertThat(again.getInteger("imported")).isZero();
        assertThat(again.getValue("bankVersion")).isNull();
        assertThat(bank.bankVersion()).isEqualTo(versionBefore);
        assertThat(again.getInteger("warningCount")).isEqualTo(2);
        assertThat(problem(again.getJsonArray("warnings"), 2, "B (题干)").getString("zh"))
                .contains("完全重复，已跳过");

        JsonObject refused = bank.importAndWait(new JsonObject()
                .put("format", "xlsx")
                .put("duplicates", "refuse")
                .put("contentBase64", Base64.getEncoder().encodeToString(BankFixture.xlsx(rows))));
        assertThat(refused.getString("status")).isEqualTo("REJECTED");
        assertThat(problem(refused.getJsonArray("problems"), 3, "B (题干)").getString("en"))
                .contains("exact duplicate");
    }

    @Test
    void jsonQuestionsAreImportedInline() {
        JsonArray questions = new JsonArray()
                .add(new JsonObject()
                        .put("type", "单选题")
                        .put("stem", "【" + bank.tag + "】JSON 单选题")
                        .put("options", new JsonArray().add("甲").add("乙").add("丙"))
                        .put("answer", "B")
                        .put("knowledgePoints", new JsonArray().add("安全用具"))
                        .put("difficulty", 2)
                        .put("category", bank.category))
                .add(new JsonObject()
                        .put("type", "MULTIPLE_CHOICE")
                        .put("stem", "【" + bank.tag + "】JSON 多选题")
                        .put(
                                "options",
                                new JsonArray().add("甲").add("乙").add("丙").add("丁"))
                        .put("answer", "AC")
                        .put("knowledgePoints", new JsonArray().add("安全用具"))
                        .put("difficulty", "较难")
                        .put("category", bank.category)
                        .put("source", "省级"));

        JsonObject job =
                bank.importAndWait(new JsonObject().put("format", "json").put("questions", questions));

        assertThat(job.getString("status")).as(job.encode()).isEqualTo("SUCCEEDED");
        assertThat(job.getInteger("imported")).isEqualTo(2);
        JsonObject multiple = bank.questions("type=MULTIPLE_CHOICE&importId=" + job.getLong("id"))
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(multiple.getString("answer")).isEqualTo("AC");
        assertThat(multiple.getInteger("difficulty")).isEqualTo(4);
        assertThat(multiple.getString("source")).isEqualTo("PROVINCIAL");

        JsonObject bad = bank.importAndWait(new JsonObject()
                .put("format", "json")
                .put(
                        "questions",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("type", "单选题")
                                        .put("stem", "缺少类别")
                                        .put("options", new JsonArray().add("甲").add("乙"))
                                        .put("answer", "A")
                                        .put("difficulty", 1))));
        assertThat(bad.getString("status")).isEqualTo("REJECTED");
        assertThat(problem(bad.getJsonArray("problems"), 1, "category")).isNotNull();
    }

    @Test
    void qtiItemsAreImportedFromAZipPackageAndFromASingleItem() throws IOException {
        byte[] zip = zip(List.of(
                entry("imsmanifest.xml", "<manifest identifier=\"m\"><resources/></manifest>"),
                entry("items/lv-001.xml", qti21Single("【" + bank.tag + "】QTI 2.1 单选题：安全电压上限？")),
                entry("items/lv-002.xml", qti30Multiple("【" + bank.tag + "】QTI 3.0 多选题：属于安全电压的有？"))));

        JsonObject job = bank.importAndWait(new JsonObject()
                .put("format", "qti")
                .put("fileName", "package.zip")
                .put("contentBase64", Base64.getEncoder().encodeToString(zip))
                .put(
                        "qti",
                        new JsonObject()
                                .put("category", bank.category)
                                .put("difficulty", 2)
                                .put("knowledgePoints", new JsonArray().add("安全电压"))));

        assertThat(job.getString("status")).as(job.encode()).isEqualTo("SUCCEEDED");
        assertThat(job.getString("format")).isEqualTo("QTI");
        assertThat(job.getInteger("imported")).isEqualTo(2);
        JsonArray items = bank.questions("importId=" + job.getLong("id")).getJsonArray("items");
        assertThat(items.stream().map(i -> ((JsonObject) i).getString("type")))
                .containsExactlyInAnyOrder("SINGLE_CHOICE", "MULTIPLE_CHOICE");
        items.forEach(i -> {
            assertThat(((JsonObject) i).getInteger("difficulty")).isEqualTo(2);
            assertThat(((JsonObject) i).getJsonArray("knowledgePoints")).containsExactly("安全电压");
        });

        // One item as the raw body, its settings in the query.
        HttpResponse<Buffer> raw = bank.sendRaw(
                "/api/bank/imports?format=qti&fileName=one.xml&category=" + bank.category
                        + "&knowledgePoints=%E5%AE%89%E5%85%A8%E7%94%B5%E5%8E%8B",
                "application/xml",
                Buffer.buffer(qti21Single("【" + bank.tag + "】单个 QTI 试题")));
        assertThat(bank.awaitJob(raw).getInteger("imported")).isEqualTo(1);

        // A broken item is reported by its file name, and nothing is imported.
        byte[] broken = zip(List.of(
                entry("good.xml", qti21Single("【" + bank.tag + "】另一道 QTI 试题")),
                entry(
                        "bad.xml",
                        qti21Single("【" + bank.tag + "】答案错误").replace("<value>B</value>", "<value>Z</value>"))));
        JsonObject refused = bank.importAndWait(new JsonObject()
                .put("format", "qti")
                .put("contentBase64", Base64.getEncoder().encodeToString(broken))
                .put("qti", new JsonObject().put("category", bank.category)));
        assertThat(refused.getString("status")).isEqualTo("REJECTED");
        JsonObject problem = refused.getJsonArray("problems").getJsonObject(0);
        assertThat(problem.getString("column")).contains("bad.xml").contains("correctResponse");
        assertThat(refused.getInteger("imported")).isZero();
    }

    @Test
    void anUploadThatCannotBeReadIsRefusedAtOnce() {
        HttpResponse<Buffer> response = bank.admin.post(
                "/api/bank/imports", new JsonObject().put("format", "xlsx").put("contentBase64", "***not base64***"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("IMPORT_UPLOAD_INVALID");

        JsonObject notASpreadsheet = bank.importAndWait(new JsonObject()
                .put("format", "xlsx")
                .put("contentBase64", Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8))));
        assertThat(notASpreadsheet.getString("status")).isEqualTo("REJECTED");
        assertThat(notASpreadsheet.getJsonArray("problems").getJsonObject(0).getInteger("row"))
                .isZero();

        assertThat(bank.admin.get("/api/bank/imports/987654321").statusCode()).isEqualTo(404);
        JsonArray recent = ok(bank.admin.get("/api/bank/imports"), 200).getJsonArray("imports");
        assertThat(recent).isNotEmpty();
    }

    private static JsonObject problem(JsonArray problems, int row, String column) {
        return problems.stream()
                .map(JsonObject.class::cast)
                .filter(p -> p.getInteger("row") == row && p.getString("column").equals(column))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no problem at row " + row + " column " + column + " in " + problems.encode()));
    }

    static String qti21Single(String stem) {
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="lv-001" title="安全电压"
                        adaptive="false" timeDependent="false">
          <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
            <correctResponse><value>B</value></correctResponse>
          </responseDeclaration>
          <itemBody>
            <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
              <prompt>%s</prompt>
              <simpleChoice identifier="A">6V</simpleChoice>
              <simpleChoice identifier="B">36V</simpleChoice>
              <simpleChoice identifier="C">220V</simpleChoice>
            </choiceInteraction>
          </itemBody>
        </assessmentItem>
        """.formatted(stem).strip();
    }

    static String qti30Multiple(String stem) {
        return """
        <qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="lv-002" title="安全电压"
                             adaptive="false" time-dependent="false">
          <qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="identifier">
            <qti-correct-response><qti-value>C2</qti-value><qti-value>C3</qti-value></qti-correct-response>
          </qti-response-declaration>
          <qti-item-body>
            <qti-choice-interaction response-identifier="RESPONSE" shuffle="true" max-choices="0">
              <qti-prompt>%s</qti-prompt>
              <qti-simple-choice identifier="C1">48V</qti-simple-choice>
              <qti-simple-choice identifier="C2">36V</qti-simple-choice>
              <qti-simple-choice identifier="C3">12V</qti-simple-choice>
            </qti-choice-interaction>
          </qti-item-body>
        </qti-assessment-item>
        """.formatted(stem).strip();
    }

    private record Entry(String name, String text) {}

    private static Entry entry(String name, String text) {
        return new Entry(name, text);
    }

    private static byte[] zip(List<Entry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Entry entry : entries) {
                zip.putNextEntry(new ZipEntry(entry.name()));
                zip.write(entry.text().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
