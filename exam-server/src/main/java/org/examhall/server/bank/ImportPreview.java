package org.examhall.server.bank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.io.ImportResult;
import org.examhall.bank.io.ParsedRow;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.QuestionType;
import org.examhall.bank.question.TrueFalseOptions;

/**
 * The mapping preview: how the file was read, and its first accepted rows as the bank will store
 * them, so a bureau sees a misread column before it commits rather than after 900 drafts.
 */
final class ImportPreview {

    static final int ROWS = 10;

    private ImportPreview() {}

    static JsonObject of(LocalizedText layout, ImportResult result) {
        JsonArray rows = new JsonArray();
        result.accepted().stream().limit(ROWS).map(ImportPreview::row).forEach(rows::add);
        JsonObject preview = new JsonObject().put("rows", rows);
        if (layout != null) {
            preview.put("layout", new JsonObject().put("zh", layout.zh()).put("en", layout.en()));
        }
        return preview;
    }

    private static JsonObject row(ParsedRow row) {
        QuestionContent content = row.content();
        boolean trueFalse = content.type() == QuestionType.TRUE_FALSE;
        String answer = !trueFalse
                ? content.answer().letters()
                : content.answer().equals(TrueFalseOptions.TRUE)
                        ? TrueFalseOptions.TRUE_TEXT
                        : TrueFalseOptions.FALSE_TEXT;
        return new JsonObject()
                .put("row", row.row())
                .put("type", content.type().name())
                .put("stem", content.stem())
                .put("options", new JsonArray(trueFalse ? List.of() : content.options()))
                .put("answer", answer)
                .put("knowledgePoints", new JsonArray(content.knowledgePoints()))
                .put("difficulty", content.difficulty())
                .put("category", content.category())
                .put("source", content.sourceLevel().name());
    }
}
