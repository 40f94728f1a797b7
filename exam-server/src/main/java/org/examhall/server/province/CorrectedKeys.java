package org.examhall.server.province;

import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperItem;
import org.examhall.bank.assembly.PaperSection;
import org.examhall.bank.io.PaperJson;
import org.examhall.bank.question.AnswerKey;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionContent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stored paper with some answer keys replaced, everything else (questions, option order, points)
 * as drawn: scoring the result against the candidate's answers is then an ordinary, pure rescoring.
 */
final class CorrectedKeys {

  private CorrectedKeys() {
  }

  /**
   * @param keys question id → key letters in written option order
   * @throws org.examhall.server.http.ApiException 400 when a question is not on the paper or a key does not fit it
   */
  static String apply(String paperJson, Map<String, String> keys) {
    Paper paper;
    try {
      paper = PaperJson.read(paperJson);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored paper cannot be read", e);
    }
    Set<String> missing = new HashSet<>(keys.keySet());
    missing.removeAll(paper.questionIds());
    if (!missing.isEmpty()) {
      throw CorrectionErrors.QUESTION_NOT_ON_PAPER.withDetail(String.join(", ", missing), String.join(", ", missing)).exception();
    }
    List<PaperSection> sections = paper.sections().stream().map(section -> new PaperSection(section.type(), section.pointsEach(),
        section.items().stream().map(item -> keys.containsKey(item.question().id()) ? rekeyed(item, keys.get(item.question().id()))
            : item).toList())).toList();
    Paper corrected = new Paper(paper.blueprintId(), paper.title(), paper.category(), paper.bankVersion(), paper.seed(),
        paper.durationMinutes(), paper.totalPoints(), paper.passMark(), paper.multipleChoiceRule(), sections);
    try {
      return PaperJson.write(corrected);
    } catch (IOException e) {
      throw new UncheckedIOException("a corrected paper cannot be written", e);
    }
  }

  private static PaperItem rekeyed(PaperItem item, String letters) {
    Question q = item.question();
    QuestionContent c = q.content();
    try {
      QuestionContent content = new QuestionContent(c.type(), c.stem(), c.imageRef(), c.options(), AnswerKey.ofLetters(letters),
          c.knowledgePoints(), c.difficulty(), c.category(), c.sourceLevel(), c.fixedOptionOrder());
      return new PaperItem(item.number(), new Question(q.id(), q.version(), q.status(), content), item.optionOrder());
    } catch (IllegalArgumentException e) { // InvalidQuestionException among them
      throw CorrectionErrors.KEY_DOES_NOT_FIT.withDetail(q.id() + ": " + letters, q.id() + ": " + letters).exception();
    }
  }
}
