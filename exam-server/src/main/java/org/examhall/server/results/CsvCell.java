package org.examhall.server.results;

/**
 * One CSV cell as a spreadsheet will read it. Text that a spreadsheet would take for a formula
 * (starting with = + - @, a tab or a carriage return; a candidate's name can be anything an API
 * caller typed) gets a leading apostrophe, which spreadsheets show as text; numbers stay numbers.
 * A cell holding a comma, a quote or a line break is quoted, so it can never start a new row.
 */
final class CsvCell {

    private CsvCell() {}

    static String of(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote =
                text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
