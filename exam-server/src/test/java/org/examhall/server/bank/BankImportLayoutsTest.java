package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 over HTTP: the banks bureaus hold (.xls with every option in one column and no difficulty,
 * numbered Word documents) import in one go with batch defaults, skip word-for-word twins with a
 * warning, refuse conflicting keys, and show the mapping preview first.
 */
class BankImportLayoutsTest {

    private final BankFixture bank = BankFixture.create();

    /** A bank as it circulates: options in one column, √/× keys, no 难度/知识点/类别 and one twin. */
    private List<List<String>> circulatingBank() {
        String t = "【" + bank.tag + "】";
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("序号", "题型", "题目", "选项", "答案"));
        rows.add(List.of("1", "判断题", t + "安全电压的最高等级是42V。", "", "√"));
        rows.add(List.of("2", "判断题", t + "可以用水扑救带电设备火灾。", "", "×"));
        rows.add(List.of("3", "单选题", t + "试电笔不可用来（ ）。", "A.判断有电无电\nB.区分相线和中性线\nC.判断电压高低", "C"));
        rows.add(List.of("4", "单选题", t + "试电笔不可用来（ ）。", "A.判断交流直流\nB.读取电阻数值\nC.判断有电无电", "B"));
        rows.add(List.of("5", "多选题", t + "下列属于安全电压的有（ ）。", "A、6V B、12V C、110V D、24V", "A、B、D"));
        rows.add(List.of("6", "判断题", t + "安全电压的最高等级是 42V 。", "", "对"));
        return rows;
    }

    @Test
    void anXlsBankWithOptionsInOneColumnImportsWithDefaultsSkippingItsTwinAfterAPreview() {
        byte[] file = xls(circulatingBank());
        String query = "/api/bank/imports?fileName=" + URLEncoder.encode("低压电工.xls", StandardCharsets.UTF_8)
                + "&category=" + bank.category + "&difficulty=3&knowledgePoints="
                + URLEncoder.encode("低压电工,安全用具", StandardCharsets.UTF_8);
        long versionBefore = bank.bankVersion();

        JsonObject dryRun =
                bank.awaitJob(bank.sendRaw(query + "&dryRun=true", "application/vnd.ms-excel", Buffer.buffer(file)));

        assertThat(dryRun.getString("status")).as(dryRun.encode()).isEqualTo("SUCCEEDED");
        assertThat(dryRun.getString("format")).isEqualTo("XLSX");
        assertThat(dryRun.getInteger("questionCount")).isEqualTo(5);
        assertThat(dryRun.getInteger("warningCount")).isEqualTo(1);
        JsonObject warning = dryRun.getJsonArray("warnings").getJsonObject(0);
        assertThat(warning.getInteger("row")).isEqualTo(7);
        assertThat(warning.getString("zh")).isEqualTo("与第 2 行完全重复，已跳过");
        JsonObject preview = dryRun.getJsonObject("preview");
        assertThat(preview.getJsonObject("layout").getString("zh")).startsWith(".xls 表格，选项写在同一列");
        JsonArray rows = preview.getJsonArray("rows");
        assertThat(rows).hasSize(5);
        JsonObject multiple = rows.getJsonObject(4);
        assertThat(multiple.getInteger("row")).isEqualTo(6);
        assertThat(multiple.getString("type")).isEqualTo("MULTIPLE_CHOICE");
        assertThat(multiple.getJsonArray("options")).containsExactly("6V", "12V", "110V", "24V");
        assertThat(multiple.getString("answer")).isEqualTo("ABD");
        assertThat(multiple.getInteger("difficulty")).isEqualTo(3);
        assertThat(multiple.getString("category")).isEqualTo(bank.category);
        assertThat(multiple.getJsonArray("knowledgePoints")).containsExactly("低压电工", "安全用具");
        assertThat(rows.getJsonObject(1).getString("answer")).isEqualTo("错误");
        assertThat(bank.bankVersion()).isEqualTo(versionBefore);

        JsonObject applied = bank.awaitJob(bank.sendRaw(query, "application/vnd.ms-excel", Buffer.buffer(file)));

        assertThat(applied.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(applied.getInteger("imported")).isEqualTo(5);
        assertThat(applied.getInteger("warningCount")).isEqualTo(1);
        assertThat(bank.questions("importId=" + applied.getLong("id")).getLong("total"))
                .isEqualTo(5);
    }

    @Test
    void aNumberedWordDocumentImportsBySectionAndAConflictingKeyIsRefusedNamingBothQuestions() {
        String t = "【" + bank.tag + "】";
        List<String> document = new ArrayList<>(List.of(
                "一、判断题",
                "1. " + t + "电工作业人员必须持证上岗。（ ）",
                "答案：对",
                "二、单项选择题",
                "1. " + t + "低压电器一般指交流（ ）V以下的电器。",
                "A. 1000  B. 1200",
                "C. 500",
                "答案：A"));

        JsonObject job = importDocx(document, "refuse");

        assertThat(job.getString("status")).as(job.encode()).isEqualTo("SUCCEEDED");
        assertThat(job.getString("format")).isEqualTo("DOCX");
        assertThat(job.getInteger("imported")).isEqualTo(2);
        assertThat(job.getJsonObject("preview").getJsonObject("layout").getString("en"))
                .startsWith("Word document: 2 numbered questions");

        document.addAll(List.of("2. " + t + "低压电器一般指交流( )V以下的电器。", "A. 500 B. 1000 C. 1200", "答案：A"));
        JsonObject conflicting = importDocx(document, "skip");

        assertThat(conflicting.getString("status")).isEqualTo("REJECTED");
        assertThat(conflicting.getInteger("problemCount")).isEqualTo(1);
        assertThat(conflicting.getJsonArray("problems").getJsonObject(0).getString("zh"))
                .contains("第 9 行", "题库中的试题 ", "答案却不同");
        assertThat(conflicting.getInteger("warningCount")).isEqualTo(2);
    }

    @Test
    void badDefaultsAreRefusedAtOnce() {
        for (JsonObject defaults :
                List.of(new JsonObject().put("difficulty", 9), new JsonObject().put("difficulty", "难"))) {
            HttpResponse<Buffer> response = bank.admin.post(
                    "/api/bank/imports",
                    new JsonObject()
                            .put("format", "docx")
                            .put("contentBase64", "AAAA")
                            .put("defaults", defaults));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("IMPORT_UPLOAD_INVALID");
        }
        HttpResponse<Buffer> badPolicy = bank.admin.post(
                "/api/bank/imports",
                new JsonObject()
                        .put("format", "docx")
                        .put("contentBase64", "AAAA")
                        .put("duplicates", "merge"));
        assertThat(badPolicy.statusCode()).isEqualTo(400);
    }

    private JsonObject importDocx(List<String> paragraphs, String duplicates) {
        return bank.importAndWait(new JsonObject()
                .put("fileName", "题库.docx")
                .put("duplicates", duplicates)
                .put("contentBase64", Base64.getEncoder().encodeToString(docx(paragraphs)))
                .put(
                        "defaults",
                        new JsonObject()
                                .put("category", bank.category)
                                .put("difficulty", 2)
                                .put("knowledgePoints", new JsonArray().add("低压电工"))));
    }

    static byte[] xls(List<List<String>> rows) {
        return BankFixture.workbook(new HSSFWorkbook(), rows);
    }

    static byte[] docx(List<String> paragraphs) {
        try (XWPFDocument document = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            paragraphs.forEach(text -> document.createParagraph().createRun().setText(text));
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
