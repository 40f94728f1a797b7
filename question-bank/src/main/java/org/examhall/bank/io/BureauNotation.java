package org.examhall.bank.io;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.examhall.bank.question.AnswerKey;
import org.examhall.bank.question.OptionLabels;
import org.examhall.bank.question.QuestionType;
import org.examhall.bank.question.SourceLevel;
import org.examhall.bank.question.TrueFalseOptions;

/**
 * The words bureaus write in bank spreadsheets, read and written: 单选题, "ABD", 对/错, 正确/错误,
 * 较难, 省级… Reading is lenient about spelling variants; writing uses one canonical form each.
 */
final class BureauNotation {

    private static final Map<String, QuestionType> TYPES = Map.ofEntries(
            Map.entry("判断题", QuestionType.TRUE_FALSE),
            Map.entry("判断", QuestionType.TRUE_FALSE),
            Map.entry("TRUE_FALSE", QuestionType.TRUE_FALSE),
            Map.entry("单选题", QuestionType.SINGLE_CHOICE),
            Map.entry("单选", QuestionType.SINGLE_CHOICE),
            Map.entry("单项选择题", QuestionType.SINGLE_CHOICE),
            Map.entry("SINGLE_CHOICE", QuestionType.SINGLE_CHOICE),
            Map.entry("多选题", QuestionType.MULTIPLE_CHOICE),
            Map.entry("多选", QuestionType.MULTIPLE_CHOICE),
            Map.entry("多项选择题", QuestionType.MULTIPLE_CHOICE),
            Map.entry("MULTIPLE_CHOICE", QuestionType.MULTIPLE_CHOICE));

    private static final List<String> TRUE_WORDS = List.of("对", "正确", "√", "✓", "✔", "是", "T", "TRUE", "Y", "YES", "A");
    private static final List<String> FALSE_WORDS =
            List.of("错", "错误", "×", "✗", "✘", "否", "F", "FALSE", "N", "NO", "B");

    private static final Map<String, Integer> DIFFICULTY_WORDS =
            Map.of("易", 1, "容易", 1, "较易", 2, "中", 3, "中等", 3, "适中", 3, "较难", 4, "难", 5, "困难", 5);

    private static final Map<String, SourceLevel> SOURCES = Map.ofEntries(
            Map.entry("国家", SourceLevel.NATIONAL),
            Map.entry("国家级", SourceLevel.NATIONAL),
            Map.entry("NATIONAL", SourceLevel.NATIONAL),
            Map.entry("省", SourceLevel.PROVINCIAL),
            Map.entry("省级", SourceLevel.PROVINCIAL),
            Map.entry("PROVINCIAL", SourceLevel.PROVINCIAL),
            Map.entry("地方", SourceLevel.LOCAL),
            Map.entry("市级", SourceLevel.LOCAL),
            Map.entry("县级", SourceLevel.LOCAL),
            Map.entry("LOCAL", SourceLevel.LOCAL));

    // Compiled once: every stored paper is read through here when it is scored, 10,000 in a submit storm.
    private static final Pattern ANSWER_SEPARATORS = Pattern.compile("[\\s,，、;；]");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("(\\d+)(\\.0+)?");
    private static final Pattern KNOWLEDGE_POINT_SEPARATORS = Pattern.compile("[,，;；、|\\n]");

    private BureauNotation() {}

    /** The type a cell names, or null. */
    static QuestionType type(String text) {
        return TYPES.get(normalize(text));
    }

    static String typeName(QuestionType type) {
        return type.chineseName();
    }

    /**
     * The key an answer cell names for a question of this type, or null when it names none. Choice
     * answers are option letters in any order and case, with or without separators.
     */
    static AnswerKey answer(QuestionType type, String text) {
        String normalized = normalize(text);
        if (type == QuestionType.TRUE_FALSE) {
            if (TRUE_WORDS.contains(normalized)) {
                return TrueFalseOptions.TRUE;
            }
            return FALSE_WORDS.contains(normalized) ? TrueFalseOptions.FALSE : null;
        }
        int mask = OptionLabels.maskOf(ANSWER_SEPARATORS.matcher(normalized).replaceAll(""));
        return mask <= 0 ? null : new AnswerKey(mask);
    }

    static String answerText(QuestionType type, AnswerKey key) {
        if (type == QuestionType.TRUE_FALSE) {
            return key.equals(TrueFalseOptions.TRUE) ? TrueFalseOptions.TRUE_TEXT : TrueFalseOptions.FALSE_TEXT;
        }
        return key.letters();
    }

    /** A difficulty from 1 to 5 as a digit ("3", "3.0") or a word (较难), or null. */
    static Integer difficulty(String text) {
        String normalized = normalize(text);
        Integer word = DIFFICULTY_WORDS.get(normalized);
        if (word != null) {
            return word;
        }
        Matcher number = WHOLE_NUMBER.matcher(normalized);
        if (number.matches()) {
            return Integer.valueOf(number.group(1));
        }
        return null;
    }

    /** A source level, or null. */
    static SourceLevel source(String text) {
        return SOURCES.get(normalize(text));
    }

    static String sourceName(SourceLevel level) {
        return switch (level) {
            case NATIONAL -> "国家级";
            case PROVINCIAL -> "省级";
            case LOCAL -> "地方";
        };
    }

    /** Knowledge points written in one cell, separated by any of the usual marks. */
    static List<String> knowledgePoints(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(KNOWLEDGE_POINT_SEPARATORS.split(text))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    static String knowledgePointText(List<String> knowledgePoints) {
        return String.join("；", knowledgePoints);
    }

    static boolean yes(String text) {
        String normalized = normalize(text);
        return List.of("是", "Y", "YES", "TRUE", "1", "√").contains(normalized);
    }

    /** Strips, upper-cases Latin letters and turns full-width letters and digits into ASCII. */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder ascii = new StringBuilder(text.length());
        for (char c : text.strip().toCharArray()) {
            ascii.append(c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c);
        }
        return ascii.toString().toUpperCase(Locale.ROOT);
    }
}
