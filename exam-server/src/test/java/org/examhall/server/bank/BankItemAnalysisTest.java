package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Item statistics appear once a sitting is scored and follow every further one: a real session in a
 * real room, two candidates answering over HTTP, then the bureau's analysis, question list and export.
 * (That the statistics flag planted bad items is shown on a simulated cohort in question-bank.)
 */
class BankItemAnalysisTest {

    private final TestServer server = TestServer.shared();

    @Test
    void statisticsAppearAfterASittingIsScoredAndAreRefreshedByTheNext() throws IOException {
        ScoredSession scored = new ScoredSession(server, 2);
        ExamRoom room = scored.room;
        long sessionId = scored.sessionId;

        scored.answerAndHandIn(0, "A");
        JsonObject afterOne = ok(room.admin.get("/api/bank/item-analysis?category=ELEC-LV"), 200);
        JsonObject session = session(afterOne, sessionId);
        assertThat(session.getInteger("sittings")).isEqualTo(1);
        assertThat(session.getValue("kr20")).isNull();
        JsonArray items = afterOne.getJsonArray("items");
        assertThat(items).isNotEmpty();
        JsonObject item = items.getJsonObject(0);
        assertThat(item.getString("category")).isEqualTo("ELEC-LV");
        assertThat(item.getDouble("p")).isBetween(0.0, 1.0);
        assertThat(item.getJsonArray("options")).isNotEmpty();
        assertThat(items.stream().map(JsonObject.class::cast).anyMatch(i -> i.getValue("meanSeconds") != null))
                .isTrue();
        assertThat(afterOne.getJsonObject("thresholds").getInteger("minSittings"))
                .isEqualTo(30);

        scored.answerAndHandIn(1, "B");
        JsonObject afterTwo = ok(room.admin.get("/api/bank/item-analysis"), 200);
        JsonObject refreshed = session(afterTwo, sessionId);
        assertThat(refreshed.getInteger("sittings")).isEqualTo(2);
        assertThat(refreshed.getJsonArray("histogram").stream()
                        .mapToInt(n -> (Integer) n)
                        .sum())
                .isEqualTo(2);
        assertThat(refreshed.getDouble("passMark")).isPositive();

        // The question list carries each question's review flags (none yet: two sittings say too little).
        JsonObject page = ok(room.admin.get("/api/bank/questions?category=ELEC-LV&size=5"), 200);
        assertThat(page.getJsonArray("items"))
                .allSatisfy(q ->
                        assertThat(((JsonObject) q).getJsonArray("reviewFlags")).isEmpty());
        JsonObject flagged = ok(room.admin.get("/api/bank/questions?category=ELEC-LV&flagged=true"), 200);
        assertThat(flagged.getLong("total"))
                .isEqualTo(afterTwo.getJsonArray("items").stream()
                        .map(JsonObject.class::cast)
                        .filter(i -> "ELEC-LV".equals(i.getString("category"))
                                && !i.getJsonArray("flags").isEmpty())
                        .map(i -> i.getString("id"))
                        .distinct()
                        .count());

        HttpResponse<Buffer> export = room.admin.get("/api/bank/item-analysis/export?category=ELEC-LV");
        assertThat(export.statusCode()).isEqualTo(200);
        try (Workbook workbook =
                new XSSFWorkbook(new ByteArrayInputStream(export.body().getBytes()))) {
            assertThat(workbook.getSheet("试题分析").getRow(0).getCell(6).getStringCellValue())
                    .isEqualTo("答对率 p");
            assertThat(workbook.getSheet("试题分析").getLastRowNum())
                    .isEqualTo(afterTwo.getJsonArray("items").stream()
                            .filter(i -> "ELEC-LV".equals(((JsonObject) i).getString("category")))
                            .count());
            assertThat(workbook.getSheet("场次").getLastRowNum()).isGreaterThanOrEqualTo(1);
        }
    }

    private static JsonObject session(JsonObject analysis, long sessionId) {
        return analysis.getJsonArray("sessions").stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getLong("sessionId") == sessionId)
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no session " + sessionId + " in " + analysis.getJsonArray("sessions")));
    }
}
