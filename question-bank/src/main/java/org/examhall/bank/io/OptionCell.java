package org.examhall.bank.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Options written together in one cell or line, as many circulating banks do: {@code A.6V B.12V},
 * {@code A、…} one per line, {@code A．…}, {@code A:…}, {@code (A)…}. Letters must come in order, so a
 * stray capital inside an option ("B超") does not start a new one.
 */
final class OptionCell {

    private static final String MARK = "[(（]?%s\\s*[.．、:：)）]";
    private static final Pattern ANY_MARK = Pattern.compile(MARK.formatted("[A-H]"));

    private OptionCell() {}

    /**
     * The options of a cell in order. A cell without an {@code A.} mark but with several lines has one
     * option a line; otherwise it holds none.
     */
    static List<String> split(String text) {
        String rest = text == null ? "" : text.strip();
        List<String> marked = split(rest, 'A');
        if (!marked.isEmpty()) {
            return marked;
        }
        List<String> lines = Arrays.stream(rest.split("\\R"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        return lines.size() > 1 ? lines : List.of();
    }

    /** The options of a text starting with option {@code first}'s mark, or an empty list. */
    static List<String> split(String text, char first) {
        String rest = text.strip();
        List<String> options = new ArrayList<>();
        Matcher start = marker(first).matcher(rest);
        if (!start.lookingAt()) {
            return options;
        }
        int from = start.end();
        for (char next = (char) (first + 1); ; next++) {
            Matcher following = marker(next).matcher(rest);
            if (!following.find(from)) {
                options.add(rest.substring(from).strip());
                return options;
            }
            options.add(rest.substring(from, following.start()).strip());
            from = following.end();
        }
    }

    /** Whether a line starts with an option mark: {@code A.}, {@code B、}… */
    static boolean startsOption(String line) {
        return ANY_MARK.matcher(line.strip()).lookingAt();
    }

    /** A letter's mark at the start of the text or after whitespace. */
    private static Pattern marker(char letter) {
        return Pattern.compile("(?:^|(?<=\\s))" + MARK.formatted(letter));
    }
}
