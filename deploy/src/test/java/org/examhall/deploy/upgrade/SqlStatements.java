package org.examhall.deploy.upgrade;

import java.util.ArrayList;
import java.util.List;
import org.examhall.deploy.upgrade.SqlToken.Kind;

/**
 * Splits a migration into statements of tokens the way PostgreSQL reads them: comments (including nested
 * block comments) are dropped, and a keyword inside a string literal, a quoted name or a dollar-quoted body
 * is not a keyword, so a comment or a literal that says DROP TABLE never counts as one.
 */
final class SqlStatements {

    private final String sql;
    private int at;
    private final List<List<SqlToken>> statements = new ArrayList<>();
    private List<SqlToken> current = new ArrayList<>();

    private SqlStatements(String sql) {
        this.sql = sql;
    }

    static List<List<SqlToken>> of(String sql) {
        SqlStatements reader = new SqlStatements(sql);
        reader.read();
        return reader.statements;
    }

    private void read() {
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (sql.startsWith("--", at)) {
                skipLineComment();
            } else if (sql.startsWith("/*", at)) {
                skipBlockComment();
            } else if (c == ';') {
                at++;
                endStatement();
            } else if (c == '\'') {
                current.add(new SqlToken(Kind.STRING, quoted('\'', false)));
            } else if (c == '"') {
                current.add(new SqlToken(Kind.QUOTED_NAME, quoted('"', false)));
            } else if (c == '$' && dollarTagEnd() > 0) {
                current.add(new SqlToken(Kind.DOLLAR_STRING, dollarQuoted()));
            } else if (Character.isLetter(c) || c == '_') {
                readWord();
            } else if (Character.isDigit(c)) {
                int start = at;
                while (at < sql.length() && (Character.isLetterOrDigit(sql.charAt(at)) || sql.charAt(at) == '.')) {
                    at++;
                }
                current.add(new SqlToken(Kind.NUMBER, sql.substring(start, at)));
            } else {
                at++;
                current.add(new SqlToken(Kind.SYMBOL, String.valueOf(c)));
            }
        }
        endStatement();
    }

    private void skipLineComment() {
        while (at < sql.length() && sql.charAt(at) != '\n') {
            at++;
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        do {
            if (sql.startsWith("/*", at)) {
                depth++;
                at += 2;
            } else if (sql.startsWith("*/", at)) {
                depth--;
                at += 2;
            } else {
                at++;
            }
        } while (depth > 0 && at < sql.length());
        if (depth > 0) {
            throw new IllegalArgumentException("unterminated block comment");
        }
    }

    private void readWord() {
        int start = at;
        while (at < sql.length() && (Character.isLetterOrDigit(sql.charAt(at)) || "_$".indexOf(sql.charAt(at)) >= 0)) {
            at++;
        }
        String word = sql.substring(start, at);
        // E'...' is a literal with backslash escapes, U&'...' one with Unicode escapes.
        if (at < sql.length() && sql.charAt(at) == '\'' && word.equalsIgnoreCase("E")) {
            current.add(new SqlToken(Kind.STRING, quoted('\'', true)));
        } else if (word.equalsIgnoreCase("U") && sql.startsWith("&'", at)) {
            at++;
            current.add(new SqlToken(Kind.STRING, quoted('\'', false)));
        } else {
            current.add(new SqlToken(Kind.WORD, word));
        }
    }

    /** A literal or quoted name from its opening quote; a doubled quote is one quote. */
    private String quoted(char quote, boolean backslashEscapes) {
        StringBuilder text = new StringBuilder();
        at++;
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (backslashEscapes && c == '\\' && at + 1 < sql.length()) {
                text.append(sql.charAt(at + 1));
                at += 2;
            } else if (c == quote && at + 1 < sql.length() && sql.charAt(at + 1) == quote) {
                text.append(quote);
                at += 2;
            } else if (c == quote) {
                at++;
                return text.toString();
            } else {
                text.append(c);
                at++;
            }
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote");
    }

    /** The index just past a $tag$ opening here, or -1 ($1 is a parameter, not a quote). */
    private int dollarTagEnd() {
        int i = at + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            return -1;
        }
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
    }

    private String dollarQuoted() {
        int bodyStart = dollarTagEnd();
        String tag = sql.substring(at, bodyStart);
        int close = sql.indexOf(tag, bodyStart);
        if (close < 0) {
            throw new IllegalArgumentException("unterminated " + tag + " body");
        }
        at = close + tag.length();
        return sql.substring(bodyStart, close);
    }

    private void endStatement() {
        if (!current.isEmpty()) {
            statements.add(List.copyOf(current));
            current = new ArrayList<>();
        }
    }
}
