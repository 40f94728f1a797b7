package org.examhall.server.results;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/** The results table in the two forms bureaus exchange: CSV (with a BOM so Excel reads the Chinese) and .xlsx. */
final class ResultTable {

  private static final List<String> HEADERS = List.of("座位号", "准考证号", "姓名", "身份证号", "状态", "存疑", "成绩", "是否合格", "交卷时间", "交卷方式", "异常记录数");
  private static final List<Function<JsonObject, Object>> CELLS = List.of(
      r -> r.getValue("seatNo"), r -> r.getValue("ticketNo"), r -> r.getValue("fullName"), r -> r.getValue("idNumberMasked"),
      r -> r.getValue("status"), r -> Boolean.TRUE.equals(r.getBoolean("doubtful")) ? "是" : "否", r -> r.getValue("score"),
      r -> r.getBoolean("passed") == null ? "" : r.getBoolean("passed") ? "合格" : "不合格", r -> r.getValue("submittedAt"),
      r -> r.getValue("submitReason"), r -> r.getValue("incidents"));

  private ResultTable() {
  }

  static String csv(JsonArray rows) {
    StringBuilder out = new StringBuilder("\uFEFF").append(String.join(",", HEADERS)).append("\r\n");
    for (Object o : rows) {
      JsonObject row = (JsonObject) o;
      for (int i = 0; i < CELLS.size(); i++) {
        Object value = CELLS.get(i).apply(row);
        String text = value == null ? "" : value.toString();
        out.append(i == 0 ? "" : ",").append(text.matches(".*[,\"\\r\\n].*") ? '"' + text.replace("\"", "\"\"") + '"' : text);
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  static Buffer xlsx(JsonArray rows) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("成绩");
      Row header = sheet.createRow(0);
      for (int i = 0; i < HEADERS.size(); i++) {
        header.createCell(i).setCellValue(HEADERS.get(i));
      }
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r + 1);
        for (int i = 0; i < CELLS.size(); i++) {
          Object value = CELLS.get(i).apply(rows.getJsonObject(r));
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
