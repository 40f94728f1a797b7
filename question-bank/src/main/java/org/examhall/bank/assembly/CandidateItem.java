package org.examhall.bank.assembly;

import java.util.ArrayList;
import java.util.List;
import org.examhall.bank.question.OptionLabels;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionType;

/**
 * One question as a candidate sees it. The candidate answers with the labels of {@code options};
 * the server maps them back through the paper's option order.
 *
 * @param imageRef a reference to the stem's image, or null
 */
public record CandidateItem(
        int number, QuestionType type, String stem, String imageRef, List<CandidateOption> options) {

    public CandidateItem {
        options = List.copyOf(options);
    }

    static CandidateItem of(PaperItem item) {
        QuestionContent content = item.question().content();
        List<CandidateOption> shown = new ArrayList<>(content.options().size());
        for (int position = 0; position < content.options().size(); position++) {
            shown.add(new CandidateOption(String.valueOf(OptionLabels.letter(position)), item.optionShownAt(position)));
        }
        return new CandidateItem(item.number(), content.type(), content.stem(), content.imageRef(), shown);
    }
}
