package org.examhall.deploy.upgrade;

import java.util.Locale;

/** One token of a migration's SQL; comments and whitespace never become tokens. */
record SqlToken(Kind kind, String text) {

    enum Kind {
        /** A keyword or an unquoted name. */
        WORD,
        /** A "quoted" name: never a keyword. */
        QUOTED_NAME,
        /** A '...' or E'...' literal. */
        STRING,
        /** A $tag$...$tag$ body, text without its quotes. */
        DOLLAR_STRING,
        NUMBER,
        SYMBOL
    }

    boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(char symbol) {
        return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == symbol;
    }

    /** A name as PostgreSQL folds it: unquoted names are lower case. */
    String name() {
        return kind == Kind.WORD ? text.toLowerCase(Locale.ROOT) : text;
    }
}
