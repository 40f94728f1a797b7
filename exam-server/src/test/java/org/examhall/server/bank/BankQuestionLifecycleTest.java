package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.examhall.server.bank.BankFixture.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionRef;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Review, activation, retirement and editing over HTTP: the life cycle the library defines, kept
 * by the database (an active version's content never changes) and audited.
 */
class BankQuestionLifecycleTest {

    private final BankFixture bank = BankFixture.create();

    @Test
    void aDraftIsReviewedThenActivatedThenRetiredAndNeverComesBack() {
        String id = newQuestion("生命周期");

        assertRefused(status(id, null, "ACTIVE"), 409, "STATUS_CHANGE_REFUSED");
        assertThat(ok(status(id, 1, "REVIEWED"), 200).getString("status")).isEqualTo("REVIEWED");
        assertThat(ok(status(id, 1, "ACTIVE"), 200).getString("status")).isEqualTo("ACTIVE");
        assertThat(catalogHas(id, 1, QuestionStatus.ACTIVE)).isTrue();
        assertThat(ok(status(id, 1, "RETIRED"), 200).getString("status")).isEqualTo("RETIRED");
        HttpResponse<Buffer> back = status(id, 1, "ACTIVE");
        assertRefused(back, 409, "STATUS_CHANGE_REFUSED");
        assertThat(back.bodyAsJsonObject()
                        .getJsonArray("problems")
                        .getJsonObject(0)
                        .getString("zh"))
                .contains("RETIRED");
        assertThat(catalogHas(id, 1, QuestionStatus.RETIRED)).isTrue();

        assertRefused(status("NO-SUCH-QUESTION", null, "REVIEWED"), 404, "QUESTION_NOT_FOUND");
        assertRefused(status(id, 1, "PUBLISHED"), 400, "VALIDATION_FAILED");
    }

    @Test
    void editingAnActiveQuestionMakesANewVersionAndThePapersVersionStaysAsItWas() {
        String id = newQuestion("编辑");
        ok(status(id, 1, "REVIEWED"), 200);
        ok(status(id, 1, "ACTIVE"), 200);
        long versionBefore = bank.bankVersion();

        JsonObject edited =
                ok(bank.send(HttpMethod.PUT, "/api/bank/questions/" + id, body("【" + bank.tag + "】编辑后的题干", "C")), 200);

        assertThat(edited.getInteger("version")).isEqualTo(2);
        JsonArray versions =
                ok(bank.admin.get("/api/bank/questions/" + id), 200).getJsonArray("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.getJsonObject(0).getString("status")).isEqualTo("ACTIVE");
        assertThat(versions.getJsonObject(0).getString("answer")).isEqualTo("B");
        assertThat(versions.getJsonObject(0).getString("stem")).contains("编辑 原题");
        assertThat(versions.getJsonObject(1).getString("status")).isEqualTo("DRAFT");
        assertThat(versions.getJsonObject(1).getString("answer")).isEqualTo("C");
        assertThat(bank.bankVersion()).isGreaterThan(versionBefore);

        // Papers draw the old version until the new one is activated, which retires the old one.
        QuestionBank current =
                TestServer.await(bank.server.server().services().bankCatalog().currentBank());
        assertThat(current.find(new QuestionRef(id, 1)).orElseThrow().isActive())
                .isTrue();
        assertThat(current.active().stream().filter(q -> q.id().equals(id)).map(Question::version))
                .containsExactly(1);

        // A draft edit replaces the draft in place: no paper can hold it.
        ok(bank.send(HttpMethod.PUT, "/api/bank/questions/" + id, body("【" + bank.tag + "】再次编辑", "D")), 200);
        assertThat(ok(bank.admin.get("/api/bank/questions/" + id), 200).getJsonArray("versions"))
                .hasSize(2);

        ok(status(id, 2, "REVIEWED"), 200);
        ok(status(id, 2, "ACTIVE"), 200);
        versions = ok(bank.admin.get("/api/bank/questions/" + id), 200).getJsonArray("versions");
        assertThat(versions.getJsonObject(0).getString("status")).isEqualTo("RETIRED");
        assertThat(versions.getJsonObject(0).getString("answer")).isEqualTo("B");
        assertThat(versions.getJsonObject(1).getString("status")).isEqualTo("ACTIVE");
        assertThat(versions.getJsonObject(1).getString("stem")).contains("再次编辑");
        JsonObject listed = bank.questions("q=" + id).getJsonArray("items").getJsonObject(0);
        assertThat(listed.getInteger("version")).isEqualTo(2);
        assertThat(listed.getInteger("activeVersion")).isEqualTo(2);
    }

    @Test
    void theDatabaseRefusesToChangeTheContentOfAVersionThatHasBeenActive() {
        String id = newQuestion("数据库保护");
        ok(status(id, 1, "REVIEWED"), 200);
        ok(status(id, 1, "ACTIVE"), 200);

        assertThatThrownBy(() -> TestServer.await(bank.server
                        .server()
                        .pool()
                        .preparedQuery(
                                "UPDATE question_version SET stem = 'tampered' WHERE question_id = $1 AND version = 1")
                        .execute(Tuple.of(id))))
                .hasMessageContaining("cannot change");
        assertThatThrownBy(() -> TestServer.await(bank.server
                        .server()
                        .pool()
                        .preparedQuery("DELETE FROM question_version WHERE question_id = $1")
                        .execute(Tuple.of(id))))
                .hasMessageContaining("cannot be deleted");
        assertThat(ok(bank.admin.get("/api/bank/questions/" + id), 200)
                        .getJsonArray("versions")
                        .getJsonObject(0)
                        .getString("stem"))
                .contains("数据库保护");
    }

    @Test
    void anInvalidEditNamesEveryBadFieldAndChangesNothing() {
        String id = newQuestion("无效编辑");
        long versionBefore = bank.bankVersion();

        HttpResponse<Buffer> response = bank.send(
                HttpMethod.PUT,
                "/api/bank/questions/" + id,
                new JsonObject()
                        .put("type", "SINGLE_CHOICE")
                        .put("stem", "")
                        .put("options", new JsonArray().add("甲"))
                        .put("answer", "E")
                        .put("difficulty", 8)
                        .put("category", bank.category));

        assertRefused(response, 400, "QUESTION_INVALID");
        JsonArray problems = response.bodyAsJsonObject().getJsonArray("problems");
        assertThat(problems.stream().map(p -> ((JsonObject) p).getString("column")))
                .contains("stem", "options", "answer", "difficulty");
        assertThat(bank.bankVersion()).isEqualTo(versionBefore);
    }

    @Test
    void aBatchMovesEveryQuestionOrNone() {
        String first = newQuestion("批量一");
        String second = newQuestion("批量二");
        ok(status(second, 1, "REVIEWED"), 200);
        ok(status(second, 1, "ACTIVE"), 200);
        JsonArray both = new JsonArray().add(new JsonObject().put("id", first)).add(new JsonObject().put("id", second));

        HttpResponse<Buffer> refused = bank.admin.post(
                "/api/bank/questions/status",
                new JsonObject().put("status", "REVIEWED").put("items", both));

        assertRefused(refused, 409, "STATUS_CHANGE_REFUSED");
        JsonArray problems = refused.bodyAsJsonObject().getJsonArray("problems");
        assertThat(problems).hasSize(1);
        assertThat(problems.getJsonObject(0).getString("id")).isEqualTo(second);
        assertThat(ok(bank.admin.get("/api/bank/questions/" + first), 200)
                        .getJsonArray("versions")
                        .getJsonObject(0)
                        .getString("status"))
                .isEqualTo("DRAFT");

        JsonObject moved = ok(
                bank.admin.post(
                        "/api/bank/questions/status",
                        new JsonObject().put("status", "RETIRED").put("items", both)),
                200);
        assertThat(moved.getInteger("count")).isEqualTo(2);
        assertThat(bank.statistics().getJsonObject("byStatus").getInteger("RETIRED"))
                .isEqualTo(2);
    }

    @Test
    void everyChangeIsInTheAuditChain() {
        String id = newQuestion("审计");
        ok(status(id, 1, "REVIEWED"), 200);
        JsonArray actions = new JsonArray();
        bank.server.chainAudit();
        TestServer.await(bank.server
                        .server()
                        .pool()
                        .preparedQuery("SELECT action, actor FROM audit_log WHERE target = $1 ORDER BY seq")
                        .execute(Tuple.of("question:" + id)))
                .forEach(row -> {
                    assertThat(row.getString("actor")).isEqualTo(bank.adminName);
                    actions.add(row.getString("action"));
                });
        assertThat(actions).containsExactly("bank.question.created", "bank.question.status_changed");
    }

    private String newQuestion(String label) {
        JsonObject created =
                ok(bank.admin.post("/api/bank/questions", body("【" + bank.tag + "】" + label + " 原题", "B")), 201);
        assertThat(created.getInteger("version")).isEqualTo(1);
        return created.getString("id");
    }

    private JsonObject body(String stem, String answer) {
        return new JsonObject()
                .put("type", "SINGLE_CHOICE")
                .put("stem", stem)
                .put("options", new JsonArray().add("选项一").add("选项二").add("选项三").add("选项四"))
                .put("answer", answer)
                .put("knowledgePoints", new JsonArray().add("安全用具"))
                .put("difficulty", 3)
                .put("category", bank.category);
    }

    private HttpResponse<Buffer> status(String id, Integer version, String status) {
        JsonObject body = new JsonObject().put("status", status);
        if (version != null) {
            body.put("version", version);
        }
        return bank.admin.post("/api/bank/questions/" + id + "/status", body);
    }

    private boolean catalogHas(String id, int version, QuestionStatus status) {
        QuestionBank current =
                TestServer.await(bank.server.server().services().bankCatalog().currentBank());
        return current.find(new QuestionRef(id, version))
                .map(q -> q.status() == status)
                .orElse(false);
    }

    private static void assertRefused(HttpResponse<Buffer> response, int status, String code) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
        assertThat(response.bodyAsJsonObject().getJsonObject("message").getString("zh"))
                .isNotBlank();
    }
}
