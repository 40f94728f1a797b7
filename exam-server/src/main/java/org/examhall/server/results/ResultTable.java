package org.examhall.server.results;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.examhall.server.site.SiteClock;
import org.examhall.server.sitting.SittingStatus;

/**
 * The results table in the two forms bureaus exchange: CSV (with a BOM so Excel reads the Chinese) and .xlsx.
 * People read the status and the way a paper was handed in in Chinese; the code column beside each
 * keeps the value programs match on. Times are the site's local time, as on the pages.
 */
final class ResultTable {

    private static final Map<String, String> STATUS =
            Arrays.stream(SittingStatus.values()).collect(Collectors.toMap(Enum::name, ResultTable::chinese));
    private static final Map<String, String> SUBMIT_REASON =
            Map.of("CANDIDATE", "考生交卷", "DEADLINE", "到时自动交卷", "PROCTOR", "监考员收卷", "VOIDED", "取消资格");
    private static final List<String> HEADERS =
            List.of("座位号", "准考证号", "姓名", "身份证号", "状态", "状态代码", "存疑", "成绩", "是否合格", "交卷时间", "交卷方式", "交卷方式代码", "异常记录数");

    private final List<Function<JsonObject, Object>> cells;

    ResultTable(SiteClock clock) {
        cells = List.of(
                r -> r.getValue("seatNo"),
                r -> r.getValue("ticketNo"),
                r -> r.getValue("fullName"),
                r -> r.getValue("idNumberMasked"),
                r -> label(STATUS, r.getString("status")),
                r -> r.getValue("status"),
                r -> Boolean.TRUE.equals(r.getBoolean("doubtful")) ? "是" : "否",
                r -> r.getValue("score"),
                r -> r.getBoolean("passed") == null ? "" : r.getBoolean("passed") ? "合格" : "不合格",
                r -> clock.format(r.getString("submittedAt")),
                r -> label(SUBMIT_REASON, r.getString("submitReason")),
                r -> r.getValue("submitReason"),
                r -> r.getValue("incidents"));
    }

    /** An exhaustive switch, so that a new status cannot reach the table without a Chinese name. */
    private static String chinese(SittingStatus status) {
        return switch (status) {
            case REGISTERED -> "未到场";
            case CHECKED_IN -> "已检录";
            case ANSWERING -> "作答中";
            case PAUSED -> "已暂停";
            case SUBMITTED -> "已交卷";
            case VOIDED -> "已取消资格";
        };
    }

    /** A code's Chinese name; a code this table does not know yet shows as itself rather than as nothing. */
    private static String label(Map<String, String> names, String code) {
        return code == null ? "" : names.getOrDefault(code, code);
    }

    String csv(JsonArray rows) {
        StringBuilder out =
                new StringBuilder("\uFEFF").append(String.join(",", HEADERS)).append("\r\n");
        for (Object o : rows) {
            JsonObject row = (JsonObject) o;
            for (int i = 0; i < cells.size(); i++) {
                out.append(i == 0 ? "" : ",").append(CsvCell.of(cells.get(i).apply(row)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    Buffer xlsx(JsonArray rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("成绩");
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADERS.size(); i++) {
                header.createCell(i).setCellValue(HEADERS.get(i));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int i = 0; i < cells.size(); i++) {
                    Object value = cells.get(i).apply(rows.getJsonObject(r));
                    if (value instanceof Number n) {
                        row.createCell(i).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(i).setCellValue(value == null ? "" : value.toString());
                    }
                }
            }
            workbook.write(out);
            return Buffer.buffer(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
