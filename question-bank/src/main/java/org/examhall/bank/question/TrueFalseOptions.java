package org.examhall.bank.question;

import java.util.List;

/** The fixed options of every true/false question; "true" is option A. */
public final class TrueFalseOptions {

    public static final String TRUE_TEXT = "正确";
    public static final String FALSE_TEXT = "错误";
    public static final List<String> TEXTS = List.of(TRUE_TEXT, FALSE_TEXT);
    public static final AnswerKey TRUE = AnswerKey.ofIndexes(0);
    public static final AnswerKey FALSE = AnswerKey.ofIndexes(1);

    private TrueFalseOptions() {}
}
