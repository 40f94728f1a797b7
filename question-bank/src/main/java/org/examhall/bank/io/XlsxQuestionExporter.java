package org.examhall.bank.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionType;

/** Writes questions as an .xlsx file in the {@link XlsxLayout}, readable by {@link SpreadsheetQuestionImporter}. */
public final class XlsxQuestionExporter {

    private XlsxQuestionExporter() {}

    public static void write(Collection<Question> questions, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("题库");
            writeHeader(workbook, sheet);
            int r = 1;
            for (Question question : questions) {
                writeRow(sheet.createRow(r++), question.content());
            }
            sheet.setColumnWidth(XlsxLayout.STEM.ordinal(), 60 * 256);
            workbook.write(out);
        }
    }

    private static void writeHeader(XSSFWorkbook workbook, Sheet sheet) {
        Font bold = workbook.createFont();
        bold.setBold(true);
        CellStyle style = workbook.createCellStyle();
        style.setFont(bold);
        Row header = sheet.createRow(0);
        for (XlsxLayout column : XlsxLayout.values()) {
            if (column == XlsxLayout.OPTIONS_IN_ONE) {
                continue;
            }
            header.createCell(column.ordinal()).setCellValue(column.header());
            header.getCell(column.ordinal()).setCellStyle(style);
        }
        sheet.createFreezePane(0, 1);
    }

    private static void writeRow(Row row, QuestionContent content) {
        set(row, XlsxLayout.TYPE, BureauNotation.typeName(content.type()));
        set(row, XlsxLayout.STEM, content.stem());
        if (content.type() != QuestionType.TRUE_FALSE) {
            for (int i = 0; i < content.options().size(); i++) {
                set(row, XlsxLayout.OPTIONS.get(i), content.options().get(i));
            }
        }
        set(row, XlsxLayout.ANSWER, BureauNotation.answerText(content.type(), content.answer()));
        set(row, XlsxLayout.KNOWLEDGE_POINTS, BureauNotation.knowledgePointText(content.knowledgePoints()));
        row.createCell(XlsxLayout.DIFFICULTY.ordinal()).setCellValue(content.difficulty());
        set(row, XlsxLayout.CATEGORY, content.category());
        set(row, XlsxLayout.IMAGE, content.imageRef());
        set(row, XlsxLayout.SOURCE, BureauNotation.sourceName(content.sourceLevel()));
        set(row, XlsxLayout.FIXED_OPTION_ORDER, content.fixedOptionOrder() ? "是" : null);
    }

    private static void set(Row row, XlsxLayout column, String value) {
        if (value != null) {
            row.createCell(column.ordinal()).setCellValue(value);
        }
    }
}
