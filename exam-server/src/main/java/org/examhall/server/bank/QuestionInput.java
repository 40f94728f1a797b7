package org.examhall.server.bank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.io.ImportDefaults;
import org.examhall.bank.io.JsonQuestionImporter;
import org.examhall.bank.io.ParsedBatch;
import org.examhall.bank.question.QuestionContent;
import org.examhall.bank.question.SourceLevel;

/**
 * A question written in a request body (the fields of the JSON import: type, stem, options, answer,
 * knowledgePoints, difficulty, category, source, image, fixedOptionOrder), read by the library's
 * JSON importer so that the editor accepts exactly what an import accepts.
 */
final class QuestionInput {

    private QuestionInput() {}

    /** @throws org.examhall.protocol.http.ApiException QUESTION_INVALID naming every bad field */
    static QuestionContent read(JsonObject body, CategoryTree categories) {
        byte[] json = new JsonArray().add(body).toBuffer().getBytes();
        ParsedBatch batch = new JsonQuestionImporter(categories, ImportDefaults.only(SourceLevel.LOCAL))
                .parse(new ByteArrayInputStream(json));
        if (!batch.problems().isEmpty() || batch.rows().size() != 1) {
            throw BankErrors.withProblems(BankErrors.QUESTION_INVALID, ProblemsJson.ofQuestion(batch.problems()));
        }
        return batch.rows().get(0).content();
    }
}
