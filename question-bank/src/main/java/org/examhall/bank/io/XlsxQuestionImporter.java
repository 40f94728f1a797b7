package org.examhall.bank.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.QuestionField;
import org.examhall.bank.question.SourceLevel;

/** Reads questions from the first sheet of an .xlsx file in the {@link XlsxLayout}. */
public final class XlsxQuestionImporter {

    private final RawQuestionReader reader;

    /**
     * @param defaultSource the source level of rows without a 来源 cell
     */
    public XlsxQuestionImporter(CategoryTree categories, SourceLevel defaultSource) {
        this.reader = new RawQuestionReader(categories::contains, defaultSource);
    }

    public ParsedBatch parse(InputStream xlsx) {
        try (Workbook workbook = new XSSFWorkbook(xlsx)) {
            if (workbook.getNumberOfSheets() == 0) {
                return ParsedBatch.unreadable("", "文件中没有工作表", "the file has no sheet");
            }
            return parse(workbook.getSheetAt(0), workbook.getCreationHelper().createFormulaEvaluator());
        } catch (IOException | RuntimeException unreadable) {
            // POI signals a file that is not a spreadsheet with assorted unchecked exceptions.
            return ParsedBatch.unreadable("", "无法读取 .xlsx 文件：" + unreadable.getMessage(),
                    "cannot read the .xlsx file: " + unreadable.getMessage());
        }
    }

    private ParsedBatch parse(Sheet sheet, FormulaEvaluator evaluator) {
        DataFormatter formatter = new DataFormatter();
        Row header = sheet.getRow(sheet.getFirstRowNum());
        Map<XlsxLayout, Integer> columns = new EnumMap<>(XlsxLayout.class);
        if (header != null) {
            for (Cell cell : header) {
                XlsxLayout column = XlsxLayout.byHeader(formatter.formatCellValue(cell, evaluator));
                if (column != null) {
                    columns.putIfAbsent(column, cell.getColumnIndex());
                }
            }
        }
        int headerRowNumber = sheet.getFirstRowNum() + 1;
        List<ImportProblem> problems = new ArrayList<>();
        for (XlsxLayout column : XlsxLayout.values()) {
            if (column.required() && !columns.containsKey(column)) {
                problems.add(ImportProblem.of(headerRowNumber, column.header(), "缺少表头“" + column.header() + "”",
                        "missing header '" + column.header() + "'"));
            }
        }
        if (!problems.isEmpty()) {
            return new ParsedBatch(List.of(), problems, XlsxLayout.STEM.header());
        }
        SheetColumns names = new SheetColumns(columns);
        List<ParsedRow> rows = new ArrayList<>();
        for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            RawQuestion raw = row == null ? null : rawQuestion(row, columns, formatter, evaluator);
            if (raw != null) {
                ParsedRow parsed = reader.read(raw, names, problems);
                if (parsed != null) {
                    rows.add(parsed);
                }
            }
        }
        return new ParsedBatch(rows, problems, names.of(QuestionField.STEM));
    }

    /** The row's cells by column, or null for a row with nothing in it. */
    private static RawQuestion rawQuestion(Row row, Map<XlsxLayout, Integer> columns, DataFormatter formatter,
                                           FormulaEvaluator evaluator) {
        Map<XlsxLayout, String> cells = new EnumMap<>(XlsxLayout.class);
        columns.forEach((column, index) -> {
            Cell cell = row.getCell(index);
            String text = cell == null ? "" : formatter.formatCellValue(cell, evaluator).strip();
            if (!text.isEmpty()) {
                cells.put(column, text);
            }
        });
        if (cells.isEmpty()) {
            return null;
        }
        List<String> options = XlsxLayout.OPTIONS.stream().map(cells::get).toList();
        return new RawQuestion(row.getRowNum() + 1, cells.get(XlsxLayout.TYPE), cells.get(XlsxLayout.STEM),
                cells.get(XlsxLayout.IMAGE), trimTrailingEmpty(options), cells.get(XlsxLayout.ANSWER),
                BureauNotation.knowledgePoints(cells.get(XlsxLayout.KNOWLEDGE_POINTS)),
                cells.get(XlsxLayout.DIFFICULTY), cells.get(XlsxLayout.CATEGORY), cells.get(XlsxLayout.SOURCE),
                cells.get(XlsxLayout.FIXED_OPTION_ORDER));
    }

    private static List<String> trimTrailingEmpty(List<String> options) {
        int end = options.size();
        while (end > 0 && options.get(end - 1) == null) {
            end--;
        }
        return options.subList(0, end);
    }

    /** Names a problem's column as the sheet shows it: letter and header, e.g. {@code I (答案)}. */
    private record SheetColumns(Map<XlsxLayout, Integer> columns) implements ColumnNames {

        @Override
        public String of(QuestionField field) {
            return name(switch (field) {
                case TYPE -> XlsxLayout.TYPE;
                case STEM -> XlsxLayout.STEM;
                case IMAGE -> XlsxLayout.IMAGE;
                case OPTIONS -> XlsxLayout.OPTION_A;
                case ANSWER -> XlsxLayout.ANSWER;
                case KNOWLEDGE_POINTS -> XlsxLayout.KNOWLEDGE_POINTS;
                case DIFFICULTY -> XlsxLayout.DIFFICULTY;
                case CATEGORY -> XlsxLayout.CATEGORY;
                case SOURCE_LEVEL -> XlsxLayout.SOURCE;
            });
        }

        @Override
        public String option(int index) {
            return name(XlsxLayout.OPTIONS.get(index));
        }

        private String name(XlsxLayout column) {
            Integer index = columns.get(column);
            return index == null ? column.header()
                    : CellReference.convertNumToColString(index) + " (" + column.header() + ")";
        }
    }
}
