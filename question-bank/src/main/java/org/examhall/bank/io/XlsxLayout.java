package org.examhall.bank.io;

import java.util.List;

/**
 * The spreadsheet layout bureaus exchange banks in: one question a row under a header row, columns
 * found by their header text so their order does not matter. The first twelve columns are the
 * customary ones; 图片, 来源 and 固定选项顺序 are optional and written on export so that nothing is lost.
 * Banks that circulate often put every option in one 选项 column instead ({@link OptionCell}), and
 * often have no 知识点, 难度 or 类别 column, which the batch defaults then stand in for.
 */
enum XlsxLayout {
    TYPE("题型", true, "类型", "题目类型", "type"),
    STEM("题干", true, "题目", "试题", "题目内容", "stem"),
    OPTION_A("选项A", true, "A"),
    OPTION_B("选项B", true, "B"),
    OPTION_C("选项C", false, "C"),
    OPTION_D("选项D", false, "D"),
    OPTION_E("选项E", false, "E"),
    OPTION_F("选项F", false, "F"),
    ANSWER("答案", true, "正确答案", "参考答案", "标准答案", "answer"),
    KNOWLEDGE_POINTS("知识点", false, "knowledge points", "knowledge point"),
    DIFFICULTY("难度", true, "difficulty"),
    CATEGORY("类别", true, "操作项目", "category"),
    IMAGE("图片", false, "image"),
    SOURCE("来源", false, "source"),
    FIXED_OPTION_ORDER("固定选项顺序", false, "fixed option order"),
    /** Read only: exports write one column per option. Last, so that exported columns keep their places. */
    OPTIONS_IN_ONE("选项", false, "选项内容", "备选项", "备选答案", "options");

    static final List<XlsxLayout> OPTIONS = List.of(OPTION_A, OPTION_B, OPTION_C, OPTION_D, OPTION_E, OPTION_F);

    private final String header;
    private final boolean required;
    private final List<String> aliases;

    XlsxLayout(String header, boolean required, String... aliases) {
        this.header = header;
        this.required = required;
        this.aliases = List.of(aliases);
    }

    String header() {
        return header;
    }

    boolean required() {
        return required;
    }

    /** The column a header cell names, or null; case, spaces and full-width letters do not matter. */
    static XlsxLayout byHeader(String text) {
        String wanted = BureauNotation.normalize(text).replace(" ", "");
        for (XlsxLayout column : values()) {
            if (BureauNotation.normalize(column.header).equals(wanted)
                    || column.aliases.stream()
                            .anyMatch(a ->
                                    BureauNotation.normalize(a).replace(" ", "").equals(wanted))) {
                return column;
            }
        }
        return null;
    }
}
