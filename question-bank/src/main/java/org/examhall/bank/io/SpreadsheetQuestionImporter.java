package org.examhall.bank.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.question.QuestionField;

/**
 * Reads questions from the first sheet of an .xlsx or .xls (Excel 97–2003) file in the
 * {@link XlsxLayout}, with the options in a column each or all in one 选项 column.
 */
public final class SpreadsheetQuestionImporter {

    private final RawQuestionReader reader;
    private final ImportDefaults defaults;

    public SpreadsheetQuestionImporter(CategoryTree categories, ImportDefaults defaults) {
        this.reader = new RawQuestionReader(categories::contains, defaults);
        this.defaults = defaults;
    }

    public ParsedBatch parse(InputStream spreadsheet) {
        try (Workbook workbook = WorkbookFactory.create(spreadsheet)) {
            if (workbook.getNumberOfSheets() == 0) {
                return ParsedBatch.unreadable("", "文件中没有工作表", "the file has no sheet");
            }
            String kind = workbook instanceof HSSFWorkbook ? ".xls" : ".xlsx";
            return parse(workbook.getSheetAt(0), workbook.getCreationHelper().createFormulaEvaluator(), kind);
        } catch (IOException | RuntimeException unreadable) {
            // POI signals a file that is not a spreadsheet with assorted unchecked exceptions.
            return ParsedBatch.unreadable(
                    "",
                    "无法读取 Excel 文件：" + unreadable.getMessage(),
                    "cannot read the Excel file: " + unreadable.getMessage());
        }
    }

    private ParsedBatch parse(Sheet sheet, FormulaEvaluator evaluator, String kind) {
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
        reader.checkDefaults(problems);
        for (XlsxLayout column : XlsxLayout.values()) {
            if (needed(column, columns) && !columns.containsKey(column)) {
                problems.add(ImportProblem.of(
                        headerRowNumber,
                        column.header(),
                        "缺少表头“" + column.header() + "”",
                        "missing header '" + column.header() + "'"));
            }
        }
        if (!problems.isEmpty()) {
            return new ParsedBatch(List.of(), problems, XlsxLayout.STEM.header(), null);
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
        return new ParsedBatch(rows, problems, names.of(QuestionField.STEM), layout(kind, columns));
    }

    /**
     * Whether the sheet must have this column: the per-option columns unless a 选项 column holds them
     * all, and 难度 and 类别 unless the batch gives a default.
     */
    private boolean needed(XlsxLayout column, Map<XlsxLayout, Integer> columns) {
        return switch (column) {
            case OPTION_A, OPTION_B -> !columns.containsKey(XlsxLayout.OPTIONS_IN_ONE);
            case DIFFICULTY -> defaults.difficulty() == null;
            case CATEGORY -> defaults.category() == null;
            default -> column.required();
        };
    }

    private static LocalizedText layout(String kind, Map<XlsxLayout, Integer> columns) {
        boolean oneColumn = columns.containsKey(XlsxLayout.OPTIONS_IN_ONE);
        String found = columns.entrySet().stream()
                .map(e -> CellReference.convertNumToColString(e.getValue()) + "="
                        + e.getKey().header())
                .collect(Collectors.joining(", "));
        return new LocalizedText(
                kind + " 表格，" + (oneColumn ? "选项写在同一列" : "每个选项一列") + "；识别的列：" + found,
                kind + " sheet, " + (oneColumn ? "all options in one column" : "one column per option")
                        + "; columns found: " + found);
    }

    /** The row's cells by column, or null for a row with nothing in it. */
    private static RawQuestion rawQuestion(
            Row row, Map<XlsxLayout, Integer> columns, DataFormatter formatter, FormulaEvaluator evaluator) {
        Map<XlsxLayout, String> cells = new EnumMap<>(XlsxLayout.class);
        columns.forEach((column, index) -> {
            Cell cell = row.getCell(index);
            String text = cell == null
                    ? ""
                    : formatter.formatCellValue(cell, evaluator).strip();
            if (!text.isEmpty()) {
                cells.put(column, text);
            }
        });
        if (cells.isEmpty()) {
            return null;
        }
        List<String> options = columns.containsKey(XlsxLayout.OPTIONS_IN_ONE)
                ? OptionCell.split(cells.get(XlsxLayout.OPTIONS_IN_ONE))
                : trimTrailingEmpty(XlsxLayout.OPTIONS.stream().map(cells::get).toList());
        return new RawQuestion(
                row.getRowNum() + 1,
                cells.get(XlsxLayout.TYPE),
                cells.get(XlsxLayout.STEM),
                cells.get(XlsxLayout.IMAGE),
                options,
                cells.get(XlsxLayout.ANSWER),
                BureauNotation.knowledgePoints(cells.get(XlsxLayout.KNOWLEDGE_POINTS)),
                cells.get(XlsxLayout.DIFFICULTY),
                cells.get(XlsxLayout.CATEGORY),
                cells.get(XlsxLayout.SOURCE),
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
            return name(
                    switch (field) {
                        case TYPE -> XlsxLayout.TYPE;
                        case STEM -> XlsxLayout.STEM;
                        case IMAGE -> XlsxLayout.IMAGE;
                        case OPTIONS -> optionsColumn(0);
                        case ANSWER -> XlsxLayout.ANSWER;
                        case KNOWLEDGE_POINTS -> XlsxLayout.KNOWLEDGE_POINTS;
                        case DIFFICULTY -> XlsxLayout.DIFFICULTY;
                        case CATEGORY -> XlsxLayout.CATEGORY;
                        case SOURCE_LEVEL -> XlsxLayout.SOURCE;
                    });
        }

        @Override
        public String option(int index) {
            return name(optionsColumn(index));
        }

        private XlsxLayout optionsColumn(int index) {
            return columns.containsKey(XlsxLayout.OPTIONS_IN_ONE)
                    ? XlsxLayout.OPTIONS_IN_ONE
                    : XlsxLayout.OPTIONS.get(index);
        }

        private String name(XlsxLayout column) {
            Integer index = columns.get(column);
            return index == null
                    ? column.header()
                    : CellReference.convertNumToColString(index) + " (" + column.header() + ")";
        }
    }
}
