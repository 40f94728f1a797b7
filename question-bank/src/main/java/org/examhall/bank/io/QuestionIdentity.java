package org.examhall.bank.io;

import java.util.List;
import java.util.stream.IntStream;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionType;

/**
 * What makes two questions the same question: type, folded stem and folded option set, within one
 * category. The options belong to the identity because Chinese banks reuse stems such as
 * {@code 下列说法正确的是（ ）} for many questions; their order does not, because papers shuffle it.
 * The category scopes it because the exposure rule counts twins within a category, and a bank for
 * 高压电工 legitimately repeats general questions of 低压电工.
 *
 * @param key the correct options' folded texts in order, so a key is compared whatever the option order
 */
record QuestionIdentity(String category, QuestionType type, String stem, List<String> options, List<String> key) {

    static QuestionIdentity of(QuestionContent content) {
        List<String> folded = content.options().stream().map(TextFolding::fold).toList();
        List<String> key = IntStream.range(0, folded.size())
                .filter(i -> content.answer().contains(i))
                .mapToObj(folded::get)
                .sorted()
                .toList();
        return new QuestionIdentity(
                content.category(),
                content.type(),
                TextFolding.fold(content.stem()),
                folded.stream().sorted().toList(),
                key);
    }

    /** The identity without the key, for looking up the question a row repeats. */
    QuestionIdentity withoutKey() {
        return new QuestionIdentity(category, type, stem, options, List.of());
    }
}
