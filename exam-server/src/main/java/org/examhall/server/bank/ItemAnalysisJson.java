package org.examhall.server.bank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.examhall.bank.analysis.ItemAnalysis;
import org.examhall.bank.analysis.ItemStatistics;
import org.examhall.bank.analysis.OptionShare;
import org.examhall.bank.analysis.ReviewFlag;
import org.examhall.bank.analysis.SessionStatistics;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionContent;

/** Item analysis as the API and the bank page show it, with each question's stem, type and options. */
final class ItemAnalysisJson {

    private ItemAnalysisJson() {}

    /** @param category only questions of this category, or null for all */
    static JsonObject of(ItemAnalysis.Report report, QuestionBank bank, String category) {
        JsonArray items = new JsonArray();
        int flagged = 0;
        for (ItemStatistics item : report.items()) {
            Optional<QuestionContent> content = bank.find(item.question()).map(Question::content);
            if (category != null
                    && content.map(c -> !c.category().equals(category)).orElse(true)) {
                continue;
            }
            items.add(item(item, content.orElse(null)));
            flagged += item.flags().isEmpty() ? 0 : 1;
        }
        JsonArray sessions = new JsonArray();
        report.sessions().forEach(s -> sessions.add(session(s)));
        return new JsonObject()
                .put("items", items)
                .put("flagged", flagged)
                .put("sessions", sessions)
                .put(
                        "thresholds",
                        new JsonObject()
                                .put("minSittings", ItemAnalysis.MIN_SITTINGS)
                                .put("tooHardBelow", ItemAnalysis.TOO_HARD_BELOW)
                                .put("tooEasyAbove", ItemAnalysis.TOO_EASY_ABOVE)
                                .put("weakDiscriminationBelow", ItemAnalysis.WEAK_DISCRIMINATION_BELOW)
                                .put("groupShare", ItemAnalysis.GROUP_SHARE));
    }

    /** The review flags of every flagged question version, by question id, for the question list. */
    static Map<String, JsonArray> flagsByQuestion(ItemAnalysis.Report report) {
        Map<String, JsonArray> byQuestion = new HashMap<>();
        for (ItemStatistics item : report.items()) {
            if (!item.flags().isEmpty()) {
                byQuestion
                        .computeIfAbsent(item.question().id(), id -> new JsonArray())
                        .add(new JsonObject()
                                .put("version", item.question().version())
                                .put("flags", flags(item.flags())));
            }
        }
        return byQuestion;
    }

    private static JsonObject item(ItemStatistics item, QuestionContent content) {
        JsonArray options = new JsonArray();
        for (OptionShare option : item.options()) {
            int index = option.label() - 'A';
            options.add(new JsonObject()
                    .put("label", String.valueOf(option.label()))
                    .put("text", content == null ? null : content.options().get(index))
                    .put("key", option.key())
                    .put("share", option.share())
                    .put("upperShare", option.upperShare())
                    .put("lowerShare", option.lowerShare())
                    .put("neverChosen", option.neverChosen()));
        }
        return new JsonObject()
                .put("id", item.question().id())
                .put("version", item.question().version())
                .put("category", content == null ? null : content.category())
                .put("type", content == null ? null : content.type().name())
                .put("stem", content == null ? null : content.stem())
                .put("sittings", item.sittings())
                .put("papers", item.papers())
                .put("p", item.p())
                .put("pointBiserial", item.pointBiserial())
                .put("upperLower", item.upperLower())
                .put("meanSeconds", item.meanSeconds())
                .put("options", options)
                .put("flags", flags(item.flags()));
    }

    private static JsonArray flags(List<ReviewFlag> flags) {
        JsonArray array = new JsonArray();
        flags.forEach(f -> array.add(new JsonObject()
                .put("flag", f.name())
                .put("zh", f.reason().zh())
                .put("en", f.reason().en())));
        return array;
    }

    private static JsonObject session(SessionStatistics session) {
        return new JsonObject()
                .put("sessionId", session.session())
                .put("sittings", session.sittings())
                .put("meanPoints", session.meanPoints())
                .put("sdPoints", session.sdPoints())
                .put("totalPoints", session.total())
                .put("passMark", session.passMark())
                .put("passRate", session.passRate())
                .put("kr20", session.kr20())
                .put("histogram", new JsonArray(session.histogram()));
    }
}
