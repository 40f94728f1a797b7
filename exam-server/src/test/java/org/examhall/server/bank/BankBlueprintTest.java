package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.bank.BankFixture.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionRef;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Blueprints over HTTP: validation, storage, the live feasibility check and the keyed sample paper. */
class BankBlueprintTest {

    private final BankFixture bank = BankFixture.create();

    @Test
    void aBlueprintThatContradictsItselfIsRefusedWithEveryProblemByField() {
        JsonObject draft = bank.blueprint("BP-" + bank.tag, 10, 5, 2)
                .put("totalPoints", 99)
                .put("passMark", 120)
                .put("category", "NO-SUCH-ITEM");
        draft.getJsonArray("sections").getJsonObject(1).put("count", 0);

        HttpResponse<Buffer> response = bank.admin.post("/api/bank/blueprints", draft);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("BLUEPRINT_INVALID");
        JsonArray problems = response.bodyAsJsonObject().getJsonArray("problems");
        assertThat(problems.stream().map(p -> ((JsonObject) p).getString("field")))
                .contains("totalPoints", "passMark", "category", "sections[1].count");
        assertThat(bank.admin.get("/api/bank/blueprints/BP-" + bank.tag).statusCode())
                .isEqualTo(404);

        HttpResponse<Buffer> malformed = bank.admin.post(
                "/api/bank/blueprints",
                bank.blueprint("BP-X-" + bank.tag, 1, 1, 1).put("sectionz", new JsonArray()));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.bodyAsJsonObject().getString("code")).isEqualTo("BLUEPRINT_MALFORMED");
    }

    @Test
    void aBlueprintIsCreatedReadReplacedAndDeletedAndTheCatalogFollows() {
        String id = "BP-" + bank.tag;
        JsonObject created = ok(bank.admin.post("/api/bank/blueprints", bank.blueprint(id, 4, 2, 5)), 201);
        assertThat(created.getInteger("revision")).isEqualTo(1);
        assertThat(created.getInteger("questionCount")).isEqualTo(6);
        assertThat(created.getJsonObject("definition").getString("category")).isEqualTo(bank.category);
        assertThat(bank.admin
                        .post("/api/bank/blueprints", bank.blueprint(id, 4, 2, 5))
                        .statusCode())
                .isEqualTo(409);
        assertThat(catalogBlueprint(id)).map(Blueprint::questionCount).contains(6);

        JsonObject replaced = ok(
                bank.send(
                        HttpMethod.PUT,
                        "/api/bank/blueprints/" + id,
                        bank.blueprint(id, 6, 2, 5).put("title", "改过的规则")),
                200);
        assertThat(replaced.getInteger("revision")).isEqualTo(2);
        assertThat(replaced.getString("title")).isEqualTo("改过的规则");
        assertThat(catalogBlueprint(id)).map(Blueprint::questionCount).contains(8);
        JsonArray listed = ok(bank.admin.get("/api/bank/blueprints"), 200).getJsonArray("blueprints");
        assertThat(listed.stream().map(b -> ((JsonObject) b).getString("id"))).contains(id);

        assertThat(bank.send(HttpMethod.DELETE, "/api/bank/blueprints/" + id, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(bank.admin.get("/api/bank/blueprints/" + id).statusCode()).isEqualTo(404);
        assertThat(catalogBlueprint(id)).isEmpty();
    }

    @Test
    void theFeasibilityCheckNamesTheShortPoolAndMeasuresPapersOnceTheBankCanServe() {
        JsonObject draft = bank.blueprint("draft", 6, 3, 2);
        JsonObject empty = ok(bank.admin.post("/api/bank/blueprints/feasibility", draft), 200);
        assertThat(empty.getBoolean("feasible")).isFalse();
        JsonObject trueFalsePool = empty.getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getString("constraint").startsWith("TRUE_FALSE"))
                .findFirst()
                .orElseThrow();
        assertThat(trueFalsePool.getInteger("needed")).isEqualTo(6);
        assertThat(trueFalsePool.getInteger("available")).isZero();
        assertThat(trueFalsePool.getInteger("shortfall")).isEqualTo(6);
        assertThat(trueFalsePool.getString("zh")).isNotBlank();
        assertThat(empty.getValue("measuredPapers")).isNull();

        bank.activeQuestions(12, 6);
        JsonObject enough = ok(
                bank.admin.post(
                        "/api/bank/blueprints/feasibility",
                        new JsonObject()
                                .put(
                                        "blueprint",
                                        draft.copy().put("exposure", new JsonObject().put("maxSharedShare", 0.5)))
                                .put("measureLimit", 50)),
                200);
        assertThat(enough.getBoolean("feasible")).as(enough.encode()).isTrue();
        assertThat(enough.getJsonArray("problems")).isEmpty();
        assertThat(enough.getJsonObject("exposure").getInteger("sharedLimit")).isEqualTo(4);
        assertThat(enough.getInteger("measuredPapers")).isBetween(1, 50);

        JsonObject contradictory = ok(
                bank.admin.post("/api/bank/blueprints/feasibility", draft.copy().put("passMark", 0)), 200);
        assertThat(contradictory.getBoolean("feasible")).isFalse();
        assertThat(contradictory.getJsonArray("problems").getJsonObject(0).getString("field"))
                .isEqualTo("passMark");
    }

    @Test
    void thePreviewIsADrawnPaperWithItsAnswerKeysAndTheSameSeedGivesTheSamePaper() {
        List<String> active = bank.activeQuestions(10, 6);
        String id = "BP-" + bank.tag;
        ok(bank.admin.post("/api/bank/blueprints", bank.blueprint(id, 5, 3, 4)), 201);

        JsonObject paper =
                ok(bank.admin.post("/api/bank/blueprints/" + id + "/preview", new JsonObject().put("seed", 42)), 200);

        assertThat(paper.getInteger("questionCount")).isEqualTo(8);
        assertThat(paper.getJsonArray("violations")).isEmpty();
        assertThat(paper.getString("seed")).isEqualTo("42");
        QuestionBank current =
                TestServer.await(bank.server.server().services().bankCatalog().currentBank());
        Set<String> seen = new HashSet<>();
        for (Object s : paper.getJsonArray("sections")) {
            for (Object i : ((JsonObject) s).getJsonArray("items")) {
                JsonObject item = (JsonObject) i;
                assertThat(active).contains(item.getString("questionId"));
                assertThat(seen.add(item.getString("questionId"))).isTrue();
                assertThat(item.getString("answer")).isNotBlank();
                Question question = current.find(
                                new QuestionRef(item.getString("questionId"), item.getInteger("version")))
                        .orElseThrow();
                // The key, shown in display order, names the options that are correct in the bank.
                for (Object o : item.getJsonArray("options")) {
                    JsonObject option = (JsonObject) o;
                    int original = question.content().options().indexOf(option.getString("text"));
                    assertThat(option.getBoolean("correct"))
                            .isEqualTo(question.content().answer().contains(original));
                    assertThat(item.getString("answer").contains(option.getString("label")))
                            .isEqualTo(option.getBoolean("correct"));
                }
            }
        }

        JsonObject again =
                ok(bank.admin.post("/api/bank/blueprints/" + id + "/preview", new JsonObject().put("seed", "42")), 200);
        assertThat(again.getJsonArray("sections")).isEqualTo(paper.getJsonArray("sections"));
        JsonObject random = ok(bank.admin.post("/api/bank/blueprints/" + id + "/preview", null), 200);
        assertThat(random.getString("seed")).isNotBlank();
    }

    @Test
    void aPreviewTheBankCannotServeNamesTheMissingConstraint() {
        String id = "BP-" + bank.tag;
        ok(bank.admin.post("/api/bank/blueprints", bank.blueprint(id, 5, 3, 4)), 201);

        HttpResponse<Buffer> response = bank.admin.post("/api/bank/blueprints/" + id + "/preview", new JsonObject());

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(409);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("code")).isEqualTo("PAPER_ASSEMBLY_FAILED");
        assertThat(body.getString("constraint")).isNotBlank();
        assertThat(body.getInteger("shortfall")).isPositive();
        assertThat(body.getJsonObject("message").getString("zh")).contains("题库无法按组卷规则生成试卷");
        assertThat(bank.admin
                        .post("/api/bank/blueprints/NO-SUCH-BLUEPRINT/preview", null)
                        .statusCode())
                .isEqualTo(404);
    }

    private Optional<Blueprint> catalogBlueprint(String id) {
        return TestServer.await(bank.server.server().services().bankCatalog().blueprint(id));
    }
}
