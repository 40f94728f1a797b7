package org.examhall.tools.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;
import static org.examhall.tools.testing.ProvinceFixture.lastError;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.server.audit.AuditChainVerifier;
import org.examhall.server.http.Role;
import org.examhall.server.province.ResultPackages;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.examhall.tools.testing.ProvinceFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Corrections of published results (成绩更正) against the province simulator over real HTTP: each
 * correction reaches the province once as a new version that supersedes the last, signed like the
 * first; bad corrections change nothing; the simulator refuses versions out of order.
 */
class ProvinceCorrectionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @AutoClose
    private static final ProvinceFixture fixture = ProvinceFixture.start(2000);

    @Test
    void correctionsReachTheProvinceOnceEachAsNewVersionsWithTheLatestCurrent() throws IOException {
        ProvinceFixture.Published p = fixture.answeredSession(true);
        ApiClient bureau = p.session().room.admin;
        long answered = p.answered().sittingId();
        assertThat(score(answered)).isEqualTo(100.0);

        JsonObject rescored = ok(
                bureau.post(
                        "/api/sittings/" + answered + "/corrections",
                        new JsonObject()
                                .put("kind", "RESCORE")
                                .put("reason", "复核发现第一题标准答案有误")
                                .put("keyCorrections", new JsonArray().add(ExamRoom.wrongKeyFix(bureau, answered)))),
                200);
        assertThat(rescored.getInteger("version")).isEqualTo(2);
        assertThat(rescored.getInteger("supersedes")).isEqualTo(1);
        assertThat(rescored.getDouble("score")).isLessThan(100.0);
        assertThat(score(answered)).isEqualTo(rescored.getDouble("score"));
        // the sitting keeps the corrected paper, so scoring it again is an ordinary pure rescoring
        JsonObject sheet = ok(bureau.get("/api/sittings/" + answered + "/answer-sheet"), 200);
        assertThat(sheet.getJsonObject("report").getDouble("score")).isEqualTo(rescored.getDouble("score"));

        JsonObject voided = ok(
                bureau.post(
                        "/api/sittings/" + answered + "/corrections",
                        new JsonObject().put("kind", "VOID").put("reason", "事后查实替考")),
                200);
        assertThat(voided.getInteger("version")).isEqualTo(3);
        assertThat(voided.getString("outcome")).isEqualTo("VOIDED");

        fixture.awaitAllDelivered(p.session().id, WAIT);
        List<JsonObject> rows = fixture.outbox(p.session().id);
        assertThat(rows).hasSize(5); // three version-1 packages and two corrections
        Map<String, JsonObject> stored = fixture.stored();
        Map<Integer, JsonObject> versions = new TreeMap<>();
        for (JsonObject row : rows) {
            JsonObject pkg = fixture.verifiedPackage(row, stored);
            if (pkg.getLong("sittingId") == answered) {
                versions.put(pkg.getInteger("version"), pkg);
            }
        }
        assertThat(versions.keySet()).containsExactly(1, 2, 3);
        assertThat(versions.get(1).getValue("supersedes")).isNull();
        assertThat(versions.get(1).getValue("correction")).isNull();
        assertThat(versions.get(2).getInteger("supersedes")).isEqualTo(1);
        assertThat(versions.get(2).getDouble("score")).isEqualTo(rescored.getDouble("score"));
        assertThat(versions.get(2).getJsonObject("correction").getString("reason"))
                .isEqualTo("复核发现第一题标准答案有误");
        assertThat(versions.get(3).getInteger("supersedes")).isEqualTo(2);
        assertThat(versions.get(3).getString("outcome")).isEqualTo("VOIDED");
        assertThat(versions.get(3).getJsonObject("correction").getString("kind"))
                .isEqualTo("VOID");

        String page = TestServer.await(WebClient.create(fixture.server.server().vertx())
                        .getAbs(fixture.simulator.url() + "/")
                        .send())
                .bodyAsString();
        String current = page.substring(page.indexOf("id=\"current\""), page.indexOf("id=\"superseded\""));
        String superseded = page.substring(page.indexOf("id=\"superseded\""));
        assertThat(current)
                .contains("data-sitting=\"" + answered + "\" data-version=\"3\"")
                .doesNotContain("data-sitting=\"" + answered + "\" data-version=\"2\"");
        assertThat(superseded)
                .contains("data-sitting=\"" + answered + "\" data-version=\"1\"")
                .contains("data-sitting=\"" + answered + "\" data-version=\"2\"");

        JsonArray history = ok(bureau.get("/api/sittings/" + answered + "/corrections"), 200)
                .getJsonArray("versions");
        assertThat(history).hasSize(3);
        assertThat(history.getJsonObject(0).getValue("correction")).isNull();
        JsonObject second = history.getJsonObject(1).getJsonObject("correction");
        assertThat(second.getString("kind")).isEqualTo("RESCORE");
        assertThat(second.getDouble("scoreBefore")).isEqualTo(100.0);
        assertThat(second.getString("correctedBy")).isNotBlank();
        assertThat(history.getJsonObject(2).getString("status")).isEqualTo("DELIVERED");
        assertThat(fixture.count(
                        "SELECT count(*) AS n FROM audit_trail WHERE action = 'sitting.result_corrected' AND target = 'sitting:' || $1::bigint",
                        answered))
                .isEqualTo(2);
        assertThat(TestServer.await(
                                new AuditChainVerifier(fixture.server.server().pool()).verify())
                        .ok())
                .isTrue();
    }

    @Test
    void aKeyFixedInTheBankRescoresFromTheQuestionsActiveVersionWhenItsOptionsAreTheOnesOnThePaper()
            throws IOException {
        ProvinceFixture.Published p = fixture.answeredSession(true);
        ApiClient bureau = p.session().room.admin;
        long answered = p.answered().sittingId();
        JsonObject fix = ExamRoom.wrongKeyFix(bureau, answered);
        String questionId = fix.getString("questionId");
        // the bureau fixes the key in the bank: editing the active version makes version 2, which it activates
        int fixed = activeEdit(bureau, questionId, q -> q.put("answer", fix.getString("key")));
        JsonObject fromBank = new JsonObject()
                .put("kind", "RESCORE")
                .put("reason", "题库复核更正标准答案")
                .put("keyCorrections", new JsonArray().add(new JsonObject().put("questionId", questionId)));
        JsonObject corrected = ok(bureau.post("/api/sittings/" + answered + "/corrections", fromBank), 200);
        assertThat(corrected.getDouble("score")).isLessThan(100.0);
        JsonObject recorded = ok(bureau.get("/api/sittings/" + answered + "/corrections"), 200)
                .getJsonArray("versions")
                .getJsonObject(1)
                .getJsonObject("correction")
                .getJsonArray("keyCorrections")
                .getJsonObject(0);
        assertThat(recorded.getString("key")).isEqualTo(fix.getString("key"));
        assertThat(recorded.getInteger("bankVersion")).isEqualTo(fixed);

        // a bank version with other options than the candidate saw cannot lend its key
        activeEdit(
                bureau,
                questionId,
                q -> q.put("options", q.getJsonArray("options").copy().set(0, "改写后的选项")));
        String before = snapshot(p);
        assertCode(bureau.post("/api/sittings/" + answered + "/corrections", fromBank), 409, "BANK_VERSION_DIFFERS");
        assertThat(snapshot(p)).isEqualTo(before);
        fixture.awaitAllDelivered(p.session().id, WAIT);
    }

    /** Edits the question's active version as {@code change} says and activates the new version; returns its number. */
    private static int activeEdit(ApiClient bureau, String questionId, UnaryOperator<JsonObject> change) {
        JsonArray versions =
                ok(bureau.get("/api/bank/questions/" + questionId), 200).getJsonArray("versions");
        JsonObject active = versions.stream()
                .map(JsonObject.class::cast)
                .filter(v -> "ACTIVE".equals(v.getString("status")))
                .findFirst()
                .orElseThrow();
        int version = ok(
                        bureau.send(
                                HttpMethod.PUT,
                                "/api/bank/questions/" + questionId,
                                change.apply(active.copy()).toBuffer()),
                        200)
                .getInteger("version");
        ok(
                bureau.post(
                        "/api/bank/questions/" + questionId + "/status",
                        new JsonObject().put("status", "REVIEWED").put("version", version)),
                200);
        ok(
                bureau.post(
                        "/api/bank/questions/" + questionId + "/status",
                        new JsonObject().put("status", "ACTIVE").put("version", version)),
                200);
        return version;
    }

    @Test
    void twoCorrectionsAtOnceMakeOneVersionAfterTheOther() throws Exception {
        ProvinceFixture.Published p = fixture.answeredSession(true);
        ApiClient bureau = p.session().room.admin;
        long answered = p.answered().sittingId();
        JsonObject rescore = new JsonObject()
                .put("kind", "RESCORE")
                .put("reason", "答案有误")
                .put("keyCorrections", new JsonArray().add(ExamRoom.wrongKeyFix(bureau, answered)));
        JsonObject voidIt = new JsonObject().put("kind", "VOID").put("reason", "查实替考");
        var first =
                CompletableFuture.supplyAsync(() -> bureau.post("/api/sittings/" + answered + "/corrections", rescore));
        var second =
                CompletableFuture.supplyAsync(() -> bureau.post("/api/sittings/" + answered + "/corrections", voidIt));
        // whichever runs second corrects the first one's result: a rescore after the void finds nothing to rescore
        List<Integer> statuses = List.of(first.get().statusCode(), second.get().statusCode());
        assertThat(statuses).contains(200).allMatch(s -> s == 200 || s == 409);
        fixture.awaitAllDelivered(p.session().id, WAIT);
        JsonArray versions = ok(bureau.get("/api/sittings/" + answered + "/corrections"), 200)
                .getJsonArray("versions");
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.getJsonObject(i).getInteger("version")).isEqualTo(i + 1);
        }
        assertThat(versions.getJsonObject(versions.size() - 1).getString("outcome"))
                .isEqualTo("VOIDED");
    }

    @Test
    void badCorrectionsAreRefusedAndChangeNothing() throws IOException {
        ProvinceFixture.Published unpublished = fixture.answeredSession(false);
        ApiClient bureau = unpublished.session().room.admin;
        JsonObject voidIt = new JsonObject().put("kind", "VOID").put("reason", "查实作弊");
        long sitting = unpublished.answered().sittingId();
        assertCode(bureau.post("/api/sittings/" + sitting + "/corrections", voidIt), 409, "RESULTS_NOT_PUBLISHED");
        assertThat(score(sitting)).isEqualTo(100.0);

        ProvinceFixture.Published p = fixture.answeredSession(true);
        long answered = p.answered().sittingId();
        String before = snapshot(p);
        String url = "/api/sittings/" + answered + "/corrections";
        assertCode(bureau.post(url, new JsonObject().put("kind", "VOID")), 400, "VALIDATION_FAILED");
        assertCode(
                bureau.post(url, new JsonObject().put("kind", "VOID").put("reason", "   ")), 400, "VALIDATION_FAILED");
        assertCode(
                bureau.post(url, new JsonObject().put("kind", "REGRADE").put("reason", "x")), 400, "VALIDATION_FAILED");
        assertCode(
                bureau.post(url, new JsonObject().put("kind", "RESCORE").put("reason", "答案有误")),
                400,
                "VALIDATION_FAILED");
        assertCode(
                bureau.post(
                        url,
                        new JsonObject()
                                .put("kind", "RESCORE")
                                .put("reason", "答案有误")
                                .put(
                                        "keyCorrections",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("questionId", "NOT-ON-PAPER")
                                                        .put("key", "A")))),
                400,
                "QUESTION_NOT_ON_PAPER");
        JsonObject fix = ExamRoom.wrongKeyFix(bureau, answered);
        assertCode(
                bureau.post(
                        url,
                        new JsonObject()
                                .put("kind", "RESCORE")
                                .put("reason", "答案有误")
                                .put(
                                        "keyCorrections",
                                        new JsonArray().add(fix.copy().put("key", "F")))),
                400,
                "KEY_DOES_NOT_FIT");
        assertCode(bureau.post("/api/sittings/999999999/corrections", voidIt), 404, "SITTING_NOT_FOUND");
        assertCode(
                bureau.post("/api/sittings/" + p.absent().sittingId() + "/corrections", voidIt),
                409,
                "CORRECTION_NOT_APPLICABLE");
        // the blank sheet scores nothing under either key
        assertCode(
                bureau.post(
                        "/api/sittings/" + p.blank().sittingId() + "/corrections",
                        new JsonObject()
                                .put("kind", "RESCORE")
                                .put("reason", "答案有误")
                                .put(
                                        "keyCorrections",
                                        new JsonArray()
                                                .add(ExamRoom.wrongKeyFix(
                                                        bureau, p.blank().sittingId())))),
                409,
                "CORRECTION_CHANGES_NOTHING");
        assertCode(p.session().room.proctor1.client().post(url, voidIt), 403, "FORBIDDEN");
        StaffProvisioning.Created institution =
                fixture.server.createStaff(TestServer.uniqueName("inst"), ExamRoom.PASSWORD, Role.INSTITUTION);
        ApiClient institutionClient = fixture.server.client().signedIn(institution.username(), ExamRoom.PASSWORD, null);
        assertCode(institutionClient.post(url, voidIt), 403, "FORBIDDEN");
        assertCode(institutionClient.get(url), 403, "FORBIDDEN");
        assertThat(snapshot(p)).isEqualTo(before);
    }

    @Test
    void theSimulatorRefusesVersionsOutOfOrderAndTheWorkerShowsTheCorrectionFailing() throws IOException {
        ProvinceFixture.Published p = fixture.answeredSession(true);
        ApiClient bureau = p.session().room.admin;
        long answered = p.answered().sittingId();
        // the platform loses what it held: a correction now supersedes a version it never received
        fixture.stopSimulator();
        Files.delete(fixture.simulatorDir.resolve("packages.jsonl"));
        fixture.startSimulator();
        ok(
                bureau.post(
                        "/api/sittings/" + answered + "/corrections",
                        new JsonObject().put("kind", "VOID").put("reason", "事后查实替考")),
                200);
        ProvinceFixture.eventually(
                WAIT,
                () -> fixture.outbox(p.session().id).stream()
                        .anyMatch(r -> "FAILING".equals(r.getString("status"))
                                && lastError("SUPERSEDED_VERSION_UNKNOWN").test(r)),
                () -> "the correction failing with SUPERSEDED_VERSION_UNKNOWN: " + fixture.outbox(p.session().id));
        JsonObject view = ok(bureau.get("/api/province/outbox?sessionId=" + p.session().id + "&status=FAILING"), 200);
        JsonObject failing = view.getJsonArray("items").getJsonObject(0);
        assertThat(failing.getInteger("version")).isEqualTo(2);
        assertThat(failing.getString("lastError")).contains("HTTP 409 SUPERSEDED_VERSION_UNKNOWN");
        assertThat(fixture.simulator.packages()).isEmpty();

        // going backwards: version 2 arrives again after version 3 superseded it
        ProvinceFixture.Published q = fixture.answeredSession(true);
        long other = q.answered().sittingId();
        ApiClient otherBureau = q.session().room.admin;
        ok(
                otherBureau.post(
                        "/api/sittings/" + other + "/corrections",
                        new JsonObject()
                                .put("kind", "RESCORE")
                                .put("reason", "答案有误")
                                .put("keyCorrections", new JsonArray().add(ExamRoom.wrongKeyFix(otherBureau, other)))),
                200);
        fixture.awaitEvery(
                q.session().id,
                WAIT,
                r -> r.getLong("sittingId") != other || "DELIVERED".equals(r.getString("status")),
                "the rescore delivered");
        JsonObject v2 = fixture.simulator.packages().stream()
                .map(s -> s.getJsonObject("envelope"))
                .filter(e -> new JsonObject(e.getString("package")).getLong("sittingId") == other
                        && new JsonObject(e.getString("package")).getInteger("version") == 2)
                .findFirst()
                .orElseThrow();
        ok(
                otherBureau.post(
                        "/api/sittings/" + other + "/corrections",
                        new JsonObject().put("kind", "VOID").put("reason", "查实作弊")),
                200);
        fixture.awaitEvery(
                q.session().id,
                WAIT,
                r -> r.getLong("sittingId") != other || "DELIVERED".equals(r.getString("status")),
                "the void delivered");
        // its key is derived from the version, so it is the stored version 2: answered with its first receipt, never
        // current again
        WebClient web = WebClient.create(fixture.server.server().vertx());
        var repeat = TestServer.await(
                web.postAbs(fixture.simulator.url() + "/packages").sendJsonObject(v2));
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.bodyAsJsonObject().getBoolean("duplicate")).isTrue();
        String page = TestServer.await(web.getAbs(fixture.simulator.url() + "/").send())
                .bodyAsString();
        assertThat(page.substring(page.indexOf("id=\"current\""), page.indexOf("id=\"superseded\"")))
                .contains("data-sitting=\"" + other + "\" data-version=\"3\"");
        // a version 3 of a sitting whose version 2 the platform never received is refused, not stored
        JsonObject pkg = new JsonObject(v2.getString("package"));
        JsonObject skipping = v2.copy()
                .put(
                        "idempotencyKey",
                        ResultPackages.idempotencyKey(
                                pkg.getJsonObject("bureau").getString("id"),
                                p.blank().sittingId(),
                                3));
        String skippingPackage = pkg.put("sittingId", p.blank().sittingId())
                .put("version", 3)
                .put("supersedes", 2)
                .put("idempotencyKey", skipping.getString("idempotencyKey"))
                .encode();
        skipping.put("package", skippingPackage)
                .put(
                        "signature",
                        Sm2.sign(Sm2.readPrivate(Path.of(fixture.config.province.bureauKeyFile)), skippingPackage));
        int before = fixture.simulator.packages().size();
        var refused = TestServer.await(
                web.postAbs(fixture.simulator.url() + "/packages").sendJsonObject(skipping));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("SUPERSEDED_VERSION_UNKNOWN");
        assertThat(fixture.simulator.packages()).hasSize(before);
    }

    private static double score(long sittingId) {
        return TestServer.await(fixture.server
                        .server()
                        .pool()
                        .preparedQuery("SELECT score FROM sitting WHERE id = $1")
                        .execute(Tuple.of(sittingId)))
                .iterator()
                .next()
                .getBigDecimal("score")
                .doubleValue();
    }

    private static String snapshot(ProvinceFixture.Published p) {
        return fixture.snapshot(p.session().id);
    }
}
