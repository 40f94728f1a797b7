package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.examhall.server.http.HttpApi;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;

/**
 * What the bank tests share: a signed-in bureau administrator on the shared server and an
 * operation item of the test's own, so that tests sharing the one bank never see each other's
 * questions; spreadsheets built with POI; imports started and awaited over HTTP.
 */
final class BankFixture {

    static final List<String> HEADER =
            List.of("题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "知识点", "难度", "类别");
    static final String PASSWORD = "bank-test-pass-2026";

    final TestServer server;
    final ApiClient admin;
    final String adminName;
    final String category;
    /** Makes stems unique to this fixture, as the bank refuses a stem it already holds. */
    final String tag;

    private BankFixture(TestServer server, ApiClient admin, String adminName, String category, String tag) {
        this.server = server;
        this.admin = admin;
        this.adminName = adminName;
        this.category = category;
        this.tag = tag;
    }

    static BankFixture create() {
        TestServer server = TestServer.shared();
        String name = TestServer.uniqueName("bank-admin");
        StaffProvisioning.Created account = server.createStaff(name, PASSWORD, Role.BUREAU_ADMIN);
        ApiClient admin = server.client().signedIn(name, PASSWORD, account.totpSecret());
        String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String classCode = "TC-" + tag;
        String itemCode = "TI-" + tag;
        ok(
                admin.post(
                        "/api/bank/categories",
                        new JsonObject()
                                .put("kind", "OPERATION_CLASS")
                                .put("code", classCode)
                                .put("name", "测试作业类别 " + tag)),
                201);
        ok(
                admin.post(
                        "/api/bank/categories",
                        new JsonObject()
                                .put("kind", "OPERATION_ITEM")
                                .put("code", itemCode)
                                .put("name", "测试操作项目 " + tag)
                                .put("classCode", classCode)),
                201);
        return new BankFixture(server, admin, name, itemCode, tag);
    }

    // ---- spreadsheets ----

    /** A data row in the customary column order; the category cell is this fixture's item. */
    List<String> row(
            String type, String stem, List<String> options, String answer, String knowledgePoints, String difficulty) {
        String[] cells = new String[HEADER.size()];
        Arrays.fill(cells, "");
        cells[0] = type;
        cells[1] = stem;
        for (int i = 0; i < options.size(); i++) {
            cells[2 + i] = options.get(i);
        }
        cells[8] = answer;
        cells[9] = knowledgePoints;
        cells[10] = difficulty;
        cells[11] = category;
        return Arrays.asList(cells);
    }

    /** {@code trueFalse} true/false rows and {@code single} single-choice rows, all valid. */
    List<List<String>> goodRows(int trueFalse, int single) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= trueFalse; i++) {
            rows.add(row(
                    "判断题",
                    "【" + tag + "】判断题第 " + i + " 题：作业前应检查安全防护用品。",
                    List.of(),
                    i % 2 == 0 ? "错误" : "正确",
                    i % 3 == 0 ? "触电与急救" : "安全用具",
                    String.valueOf(1 + i % 5)));
        }
        for (int i = 1; i <= single; i++) {
            rows.add(row(
                    "单选题",
                    "【" + tag + "】单选题第 " + i + " 题：下列哪项是正确做法？",
                    List.of("停电验电后作业", "带电作业无需监护", "湿手操作开关", "使用破损绝缘手套"),
                    "A",
                    i % 2 == 0 ? "触电与急救" : "安全用具",
                    String.valueOf(1 + i % 5)));
        }
        return rows;
    }

    static byte[] xlsx(List<List<String>> dataRows) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.addAll(dataRows);
        return workbook(new XSSFWorkbook(), rows);
    }

    /** The rows (header included) on a sheet of the given kind of workbook (.xlsx or .xls); empty strings leave the cell out. */
    static byte[] workbook(Workbook created, List<List<String>> rows) {
        try (Workbook workbook = created;
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("题库");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (!rows.get(r).get(c).isEmpty()) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- imports ----

    JsonObject importXlsx(byte[] file, boolean dryRun) {
        return importAndWait(new JsonObject()
                .put("format", "xlsx")
                .put("fileName", "bank-" + tag + ".xlsx")
                .put("contentBase64", Base64.getEncoder().encodeToString(file))
                .put("dryRun", dryRun));
    }

    /** Starts an import and polls it until it has finished; returns the finished job. */
    JsonObject importAndWait(JsonObject body) {
        HttpResponse<Buffer> started = admin.post("/api/bank/imports", body);
        return awaitJob(started);
    }

    JsonObject awaitJob(HttpResponse<Buffer> started) {
        assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(202);
        long id = started.bodyAsJsonObject().getLong("id");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            JsonObject job = ok(admin.get("/api/bank/imports/" + id), 200);
            if (!"RUNNING".equals(job.getString("status"))) {
                return job;
            }
            assertThat(System.nanoTime())
                    .as("import %d finished within 60 s", id)
                    .isLessThan(deadline);
            sleep(50);
        }
    }

    /** Imports valid questions and moves them all to ACTIVE; returns their ids. */
    List<String> activeQuestions(int trueFalse, int single) {
        JsonObject job = importXlsx(xlsx(goodRows(trueFalse, single)), false);
        assertThat(job.getString("status")).as(job.encode()).isEqualTo("SUCCEEDED");
        JsonArray items =
                questions("importId=" + job.getLong("id") + "&size=200").getJsonArray("items");
        JsonArray targets = new JsonArray();
        List<String> ids = new ArrayList<>();
        items.forEach(item -> {
            targets.add(new JsonObject().put("id", ((JsonObject) item).getString("id")));
            ids.add(((JsonObject) item).getString("id"));
        });
        ok(
                admin.post(
                        "/api/bank/questions/status",
                        new JsonObject().put("status", "REVIEWED").put("items", targets)),
                200);
        ok(
                admin.post(
                        "/api/bank/questions/status",
                        new JsonObject().put("status", "ACTIVE").put("items", targets)),
                200);
        return ids;
    }

    JsonObject questions(String query) {
        return ok(admin.get("/api/bank/questions?category=" + category + "&" + query), 200);
    }

    JsonObject statistics() {
        return ok(admin.get("/api/bank/statistics?category=" + category), 200);
    }

    JsonObject blueprint(String id, int trueFalse, int single, int points) {
        return new JsonObject()
                .put("id", id)
                .put("title", "测试组卷规则 " + tag)
                .put("category", category)
                .put("durationMinutes", 60)
                .put("totalPoints", (trueFalse + single) * points)
                .put("passMark", (trueFalse + single) * points * 8 / 10)
                .put(
                        "sections",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("type", "TRUE_FALSE")
                                        .put("count", trueFalse)
                                        .put("pointsEach", points))
                                .add(new JsonObject()
                                        .put("type", "SINGLE_CHOICE")
                                        .put("count", single)
                                        .put("pointsEach", points)))
                .put("multipleChoiceRule", "ALL_OR_NOTHING")
                .put("exposure", new JsonObject().put("maxSharedShare", 1.0));
    }

    long bankVersion() {
        return statistics().getLong("bankVersion");
    }

    HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body) {
        return admin.send(method, path, body == null ? null : body.toBuffer());
    }

    /** A POST of a file as the raw body, in the administrator's session. */
    HttpResponse<Buffer> sendRaw(String path, String contentType, Buffer body) {
        WebClient client = WebClient.create(
                server.server().vertx(),
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
        try {
            return TestServer.await(client.post(path)
                    .putHeader("Cookie", HttpApi.SESSION_COOKIE + "=" + admin.sessionCookie())
                    .putHeader("X-CSRF-Token", admin.csrfToken())
                    .putHeader("Content-Type", contentType)
                    .sendBuffer(body));
        } finally {
            client.close();
        }
    }

    static JsonObject ok(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        return status == 204 ? new JsonObject() : response.bodyAsJsonObject();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
