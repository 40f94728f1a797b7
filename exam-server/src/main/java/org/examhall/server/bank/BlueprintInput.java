package org.examhall.server.bank;

import com.fasterxml.jackson.core.JacksonException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.examhall.bank.LocalizedText;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.BlueprintProblem;
import org.examhall.bank.blueprint.BlueprintValidator;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.io.BlueprintJson;

/**
 * A blueprint written in a request body, in the library's JSON form (id, title, category,
 * durationMinutes, totalPoints, passMark, sections, multipleChoiceRule, exposure).
 */
final class BlueprintInput {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private BlueprintInput() {}

    /**
     * Reads the shape only; {@link #problems} checks the sense.
     *
     * @param id the id to use when the body names none (or null to require one)
     */
    static Blueprint read(JsonObject body, String id) {
        JsonObject copy = body.copy();
        if (id != null && copy.getValue("id") == null) {
            copy.put("id", id);
        }
        try {
            return BlueprintJson.read(copy.encode());
        } catch (JacksonException e) {
            throw BankErrors.BLUEPRINT_MALFORMED
                    .withDetail(e.getOriginalMessage(), e.getOriginalMessage())
                    .exception();
        } catch (IOException | RuntimeException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage()
                    : e.getMessage();
            throw BankErrors.BLUEPRINT_MALFORMED
                    .withDetail(String.valueOf(reason), String.valueOf(reason))
                    .exception();
        }
    }

    /** Everything wrong with the blueprint as something to store: its id, its sense, its category. */
    static List<BlueprintProblem> problems(Blueprint blueprint, CategoryTree categories) {
        List<BlueprintProblem> problems = new ArrayList<>();
        if (!ID.matcher(blueprint.id()).matches()) {
            problems.add(new BlueprintProblem(
                    "id",
                    new LocalizedText(
                            "编号须为 1–64 位字母、数字、点、下划线或连字符", "the id must be 1–64 letters, digits, '.', '_' or '-'")));
        }
        if (blueprint.title().length() > 200) {
            problems.add(new BlueprintProblem(
                    "title", new LocalizedText("名称不能超过 200 个字符", "the title must be at most 200 characters")));
        }
        problems.addAll(BlueprintValidator.validate(blueprint, categories));
        return problems;
    }
}
