package org.examhall.server.bank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.examhall.bank.assembly.AssemblyException;
import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperAssembler;
import org.examhall.bank.assembly.PaperConformance;
import org.examhall.bank.assembly.PaperItem;
import org.examhall.bank.assembly.PaperSection;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.InvalidBlueprintException;
import org.examhall.bank.question.OptionLabels;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;
import org.examhall.protocol.http.ApiException;

/**
 * A sample paper for the bureau, drawn exactly as a candidate's would be, shown with its answer
 * keys in the displayed option order. For bureau pages only: never for a terminal. CPU work: call
 * on a worker thread.
 */
final class PaperPreview {

    private PaperPreview() {}

    static JsonObject draw(Blueprint blueprint, QuestionBank bank, long seed) {
        Paper paper;
        try {
            paper = new PaperAssembler(blueprint, bank).assemble(seed);
        } catch (AssemblyException e) {
            throw new ApiException(
                    BankErrors.PAPER_ASSEMBLY_FAILED.withDetail(
                            e.text().zh(), e.text().en()),
                    Map.of(
                            "constraint",
                            e.constraint(),
                            "needed",
                            e.needed(),
                            "available",
                            e.available(),
                            "shortfall",
                            e.shortfall()));
        } catch (InvalidBlueprintException e) {
            throw BankErrors.withProblems(BankErrors.BLUEPRINT_INVALID, ProblemsJson.ofBlueprint(e.problems()));
        }
        JsonArray sections = new JsonArray();
        for (PaperSection section : paper.sections()) {
            JsonArray items = new JsonArray();
            section.items().forEach(item -> items.add(item(item)));
            sections.add(new JsonObject()
                    .put("type", section.type().name())
                    .put("typeName", section.type().chineseName())
                    .put("pointsEach", section.pointsEach().toPlainString())
                    .put("items", items));
        }
        return new JsonObject()
                .put("blueprintId", paper.blueprintId())
                .put("title", paper.title())
                .put("category", paper.category())
                .put("bankVersion", paper.bankVersion())
                .put("seed", String.valueOf(paper.seed()))
                .put("durationMinutes", paper.durationMinutes())
                .put("totalPoints", paper.totalPoints().toPlainString())
                .put("passMark", paper.passMark().toPlainString())
                .put("multipleChoiceRule", paper.multipleChoiceRule().name())
                .put("questionCount", paper.questionCount())
                .put("violations", new JsonArray(PaperConformance.violations(paper, blueprint)))
                .put("sections", sections);
    }

    private static JsonObject item(PaperItem item) {
        QuestionContent content = item.question().content();
        JsonArray options = new JsonArray();
        StringBuilder answer = new StringBuilder();
        for (int position = 0; position < content.options().size(); position++) {
            String label = String.valueOf(OptionLabels.letter(position));
            boolean correct = content.answer().contains(item.optionOrder().originalAt(position));
            options.add(new JsonObject()
                    .put("label", label)
                    .put("text", item.optionShownAt(position))
                    .put("correct", correct));
            if (correct) {
                answer.append(label);
            }
        }
        return new JsonObject()
                .put("number", item.number())
                .put("questionId", item.question().id())
                .put("version", item.question().version())
                .put("stem", content.stem())
                .put("image", content.imageRef())
                .put("options", options)
                .put("answer", answer.toString())
                .put("knowledgePoints", new JsonArray(content.knowledgePoints()))
                .put("difficulty", content.difficulty());
    }
}
