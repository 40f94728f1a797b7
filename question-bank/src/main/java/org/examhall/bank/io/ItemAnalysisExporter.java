package org.examhall.bank.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.examhall.bank.analysis.ItemAnalysis;
import org.examhall.bank.analysis.ItemStatistics;
import org.examhall.bank.analysis.OptionShare;
import org.examhall.bank.analysis.SessionStatistics;
import org.examhall.bank.question.AnswerKey;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionRef;

/** Writes item analysis as an .xlsx workbook: a sheet of questions and a sheet of sessions. */
public final class ItemAnalysisExporter {

    private static final List<String> ITEM_HEADER = List.of(
            "试题编号",
            "版本",
            "题型",
            "题干",
            "作答人次",
            "试卷数",
            "答对率 p",
            "点双列相关 r",
            "高低分组区分度 D",
            "平均用时（秒）",
            "选项A",
            "选项B",
            "选项C",
            "选项D",
            "选项E",
            "选项F",
            "无人选择的干扰项",
            "复核原因");
    private static final List<String> SESSION_HEADER = List.of(
            "场次", "人数", "平均分", "标准差", "总分", "及格分", "及格率", "KR-20", "0–10%", "10–20%", "20–30%", "30–40%", "40–50%",
            "50–60%", "60–70%", "70–80%", "80–90%", "90–100%");

    private ItemAnalysisExporter() {}

    /** @param contents the question versions, for type and stem; null where unknown */
    public static void write(
            ItemAnalysis.Report report, Function<QuestionRef, QuestionContent> contents, OutputStream out)
            throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet items = sheet(workbook, "试题分析", ITEM_HEADER);
            int r = 1;
            for (ItemStatistics item : report.items()) {
                write(items.createRow(r++), itemCells(item, contents.apply(item.question())));
            }
            items.setColumnWidth(3, 50 * 256);
            Sheet sessions = sheet(workbook, "场次", SESSION_HEADER);
            r = 1;
            for (SessionStatistics session : report.sessions()) {
                List<Object> cells = new ArrayList<>(List.of(
                        session.session(),
                        session.sittings(),
                        session.meanPoints(),
                        session.sdPoints(),
                        session.total(),
                        session.passMark(),
                        session.passRate()));
                cells.add(session.kr20());
                cells.addAll(session.histogram());
                write(sessions.createRow(r++), cells);
            }
            workbook.write(out);
        }
    }

    private static List<Object> itemCells(ItemStatistics item, QuestionContent content) {
        List<Object> cells = new ArrayList<>(List.of(
                item.question().id(),
                item.question().version(),
                content == null ? "" : content.type().chineseName(),
                content == null ? "" : content.stem(),
                item.sittings(),
                item.papers(),
                item.p()));
        cells.add(item.pointBiserial());
        cells.add(item.upperLower());
        cells.add(item.meanSeconds());
        for (int i = 0; i < AnswerKey.MAX_OPTIONS; i++) {
            cells.add(i < item.options().size() ? item.options().get(i).share() : null);
        }
        cells.add(item.options().stream()
                .filter(OptionShare::neverChosen)
                .map(o -> String.valueOf(o.label()))
                .collect(Collectors.joining()));
        cells.add(item.flags().stream().map(f -> f.reason().zh()).collect(Collectors.joining("；")));
        return cells;
    }

    private static Sheet sheet(XSSFWorkbook workbook, String name, List<String> header) {
        Sheet sheet = workbook.createSheet(name);
        write(sheet.createRow(0), new ArrayList<>(header));
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static void write(Row row, List<Object> cells) {
        for (int c = 0; c < cells.size(); c++) {
            Object value = cells.get(c);
            if (value instanceof Number number) {
                row.createCell(c).setCellValue(number.doubleValue());
            } else if (value != null) {
                row.createCell(c).setCellValue(value.toString());
            }
        }
    }
}
