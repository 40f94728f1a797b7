package org.examhall.server.bank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.blueprint.BlueprintProblem;
import org.examhall.bank.io.ImportProblem;

/**
 * Problems as the API reports them: where ({@code row} and {@code column} of an import,
 * {@code field} of a blueprint) and why, in Chinese and English.
 */
final class ProblemsJson {

    private ProblemsJson() {}

    static JsonArray ofImport(List<ImportProblem> problems) {
        JsonArray array = new JsonArray();
        problems.forEach(p ->
                array.add(reason(new JsonObject().put("row", p.row()).put("column", p.column()), p.reason())));
        return array;
    }

    /** Problems of a single question, where the row means nothing. */
    static JsonArray ofQuestion(List<ImportProblem> problems) {
        JsonArray array = new JsonArray();
        problems.forEach(p -> array.add(reason(new JsonObject().put("column", p.column()), p.reason())));
        return array;
    }

    static JsonArray ofBlueprint(List<BlueprintProblem> problems) {
        JsonArray array = new JsonArray();
        problems.forEach(p -> array.add(reason(new JsonObject().put("field", p.field()), p.reason())));
        return array;
    }

    static JsonObject reason(JsonObject where, LocalizedText reason) {
        return where.put("zh", reason.zh()).put("en", reason.en());
    }
}
