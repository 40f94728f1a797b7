package org.examhall.bank.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds small spreadsheets for import tests. */
final class XlsxFiles {

    static final List<String> HEADER =
            List.of("题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "知识点", "难度", "类别");

    private XlsxFiles() {}

    /** An .xlsx workbook whose first sheet holds these rows; empty strings leave the cell out. */
    static InputStream of(List<List<String>> rows) throws IOException {
        return write(new XSSFWorkbook(), rows);
    }

    /** The same as an Excel 97–2003 .xls workbook. */
    static InputStream xls(List<List<String>> rows) throws IOException {
        return write(new HSSFWorkbook(), rows);
    }

    private static InputStream write(Workbook created, List<List<String>> rows) throws IOException {
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
            return new ByteArrayInputStream(out.toByteArray());
        }
    }

    /** A data row in the customary column order. */
    static List<String> row(
            String type,
            String stem,
            List<String> options,
            String answer,
            String kp,
            String difficulty,
            String category) {
        String[] cells = new String[HEADER.size()];
        Arrays.fill(cells, "");
        cells[0] = type;
        cells[1] = stem;
        for (int i = 0; i < options.size(); i++) {
            cells[2 + i] = options.get(i);
        }
        cells[8] = answer;
        cells[9] = kp;
        cells[10] = difficulty;
        cells[11] = category;
        return List.of(cells);
    }
}
