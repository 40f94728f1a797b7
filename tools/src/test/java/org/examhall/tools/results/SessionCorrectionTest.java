package org.examhall.tools.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.examhall.bank.assembly.PaperItem;
import org.examhall.bank.io.PaperJson;
import org.examhall.bank.question.QuestionType;
import org.examhall.server.audit.AuditChainVerifier;
import org.examhall.server.exam.TerminalRoutes;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.examhall.tools.testing.ProvinceFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * One wrong answer key corrected for a whole published session over real HTTP against the province
 * simulator: the dry run reports and changes nothing; the correction gives exactly the sittings whose
 * result changes a version 2, signed and stored once; repeating it changes nothing.
 */
class SessionCorrectionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @AutoClose
    private static final ProvinceFixture fixture = ProvinceFixture.start(2000);

    @Test
    void aWrongKeyIsCorrectedOnEveryPaperThatHeldItAndOnlyChangedResultsGetANewVersion() {
        ProvinceFixture.Session session = fixture.newSession();
        ApiClient bureau = session.room.admin;
        List<ProvinceFixture.Sitting> present = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            present.add(session.add("考生" + i));
        }
        ProvinceFixture.Sitting absent = session.add("缺考者");
        session.room.moveTo(session.id, "CHECK_IN", session.room.proctor1.client());
        Map<Long, ApiClient> terminals = new LinkedHashMap<>();
        for (ProvinceFixture.Sitting s : present) {
            session.checkIn(s);
            terminals.put(s.sittingId(), fixture.confirmedTerminal(session, s));
        }
        session.room.moveTo(session.id, "RUNNING", session.room.proctor1.client());
        terminals
                .values()
                .forEach(t -> t.withHeader(
                        TerminalRoutes.TOKEN_HEADER,
                        ok(t.get("/api/exam/paper"), 200).getString("candidateToken")));

        // the wrong key: a question on some papers but not all
        Map<Long, Map<String, PaperItem>> papers = new LinkedHashMap<>();
        present.forEach(s -> papers.put(s.sittingId(), paper(bureau, s.sittingId())));
        PaperItem wrong = papers.values().stream()
                .flatMap(p -> p.values().stream())
                .filter(i -> i.question().type() == QuestionType.SINGLE_CHOICE)
                .filter(i -> {
                    long holders = papers.values().stream()
                            .filter(p -> p.containsKey(i.question().id()))
                            .count();
                    return holders >= 2 && holders < papers.size();
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no question on some papers but not all"));
        String questionId = wrong.question().id();
        String stored = wrong.question().content().answer().letters();
        JsonObject fix = new JsonObject().put("questionId", questionId).put("key", stored.equals("A") ? "B" : "A");
        List<Long> holders = papers.entrySet().stream()
                .filter(e -> e.getValue().containsKey(questionId))
                .map(Map.Entry::getKey)
                .toList();
        // every holder answered as keyed, so loses the item; the last left it blank, so scores the same under either
        // key
        long blankOnIt = holders.get(holders.size() - 1);
        Set<Long> changed = holders.stream().filter(id -> id != blankOnIt).collect(Collectors.toSet());
        terminals.forEach((sittingId, terminal) -> {
            ExamRoom.answerCorrectlyExcept(
                    bureau, terminal, sittingId, sittingId == blankOnIt ? Set.of(questionId) : Set.of());
            ok(terminal.post("/api/exam/submit", new JsonObject()), 200);
        });
        fixture.handInAndScore(session);

        String url = "/api/sessions/" + session.id + "/corrections";
        JsonObject correction =
                new JsonObject().put("reason", "复核发现该题标准答案有误").put("keyCorrections", new JsonArray().add(fix));
        assertCode(bureau.post(url, correction), 409, "RESULTS_NOT_PUBLISHED");
        fixture.publish(session);
        fixture.awaitAllDelivered(session.id, WAIT);
        String before = fixture.snapshot(session.id);

        // bad inputs: refused, nothing changes
        assertCode(bureau.post(url, correction.copy().put("reason", " ")), 400, "VALIDATION_FAILED");
        assertCode(bureau.post(url, correction.copy().put("dryRun", "yes")), 400, "VALIDATION_FAILED");
        assertCode(
                bureau.post(url, correction.copy().put("keyCorrections", new JsonArray())), 400, "VALIDATION_FAILED");
        assertCode(
                bureau.post(
                        url,
                        correction
                                .copy()
                                .put(
                                        "keyCorrections",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("questionId", "NO-SUCH-QUESTION")
                                                        .put("key", "A")))),
                400,
                "QUESTION_NOT_IN_SESSION");
        assertCode(
                bureau.post(
                        url,
                        correction
                                .copy()
                                .put(
                                        "keyCorrections",
                                        new JsonArray().add(fix.copy().put("key", "F")))),
                400,
                "KEY_DOES_NOT_FIT");
        assertCode(bureau.post("/api/sessions/999999999/corrections", correction), 404, "SESSION_NOT_FOUND");
        assertCode(session.room.proctor1.client().post(url, correction), 403, "FORBIDDEN");
        StaffProvisioning.Created institution =
                fixture.server.createStaff(TestServer.uniqueName("inst"), ExamRoom.PASSWORD, Role.INSTITUTION);
        assertCode(
                fixture.server
                        .client()
                        .signedIn(institution.username(), ExamRoom.PASSWORD, null)
                        .post(url, correction),
                403,
                "FORBIDDEN");
        assertThat(fixture.snapshot(session.id)).isEqualTo(before);

        // the dry run reports what the correction would do and changes nothing
        JsonObject dry = ok(bureau.post(url, correction.copy().put("dryRun", true)), 200);
        assertThat(dry.getBoolean("dryRun")).isTrue();
        assertThat(ids(dry, "changed")).containsExactlyInAnyOrderElementsOf(changed);
        assertThat(ids(dry, "unchanged")).containsExactly(blankOnIt);
        assertThat(ids(dry, "notAffected"))
                .hasSize(present.size() + 1 - holders.size())
                .contains(absent.sittingId());
        entries(dry, "changed").forEach(e -> {
            assertThat(e.getDouble("scoreBefore")).isEqualTo(100.0);
            assertThat(e.getDouble("scoreAfter")).isLessThan(100.0);
            assertThat(e.getInteger("version")).isEqualTo(2);
            assertThat(e.getString("idempotencyKey")).isNull();
        });
        JsonObject unchanged = entries(dry, "unchanged").get(0);
        assertThat(unchanged.getDouble("scoreAfter")).isEqualTo(unchanged.getDouble("scoreBefore"));
        entries(dry, "notAffected")
                .forEach(e -> assertThat(e.getString("why"))
                        .isEqualTo(e.getLong("sittingId") == absent.sittingId() ? "ABSENT" : "NOT_ON_PAPER"));
        assertThat(fixture.snapshot(session.id)).isEqualTo(before);

        // the correction: the same summary, and exactly the changed sittings get version 2
        JsonObject applied = ok(bureau.post(url, correction), 200);
        assertThat(applied.getBoolean("dryRun")).isFalse();
        assertThat(applied.getJsonObject("counts")).isEqualTo(dry.getJsonObject("counts"));
        assertThat(ids(applied, "changed")).containsExactlyInAnyOrderElementsOf(changed);
        for (JsonObject e : entries(applied, "changed")) {
            assertThat(e.getString("idempotencyKey")).isNotBlank();
            JsonObject planned = entries(dry, "changed").stream()
                    .filter(d -> d.getLong("sittingId").equals(e.getLong("sittingId")))
                    .findFirst()
                    .orElseThrow();
            JsonObject withoutKey = e.copy();
            withoutKey.remove("idempotencyKey");
            assertThat(withoutKey).isEqualTo(planned);
        }
        fixture.awaitAllDelivered(session.id, WAIT);
        List<JsonObject> rows = fixture.outbox(session.id);
        assertThat(rows).hasSize(session.sittings.size() + changed.size());
        Map<String, JsonObject> atSimulator = fixture.stored();
        Map<Long, List<Integer>> versions = new LinkedHashMap<>();
        for (JsonObject row : rows) {
            JsonObject pkg = fixture.verifiedPackage(row, atSimulator);
            versions.computeIfAbsent(pkg.getLong("sittingId"), k -> new ArrayList<>())
                    .add(pkg.getInteger("version"));
            if (pkg.getInteger("version") == 2) {
                assertThat(pkg.getInteger("supersedes")).isEqualTo(1);
                assertThat(pkg.getJsonObject("correction").getString("reason")).isEqualTo("复核发现该题标准答案有误");
                assertThat(pkg.getDouble("score")).isLessThan(100.0);
            }
        }
        session.sittings.forEach(s -> assertThat(versions.get(s.sittingId()))
                .as("versions of " + s.sittingId())
                .containsExactlyElementsOf(changed.contains(s.sittingId()) ? List.of(1, 2) : List.of(1)));
        JsonObject history = ok(bureau.get("/api/sittings/" + changed.iterator().next() + "/corrections"), 200);
        assertThat(history.getJsonArray("versions")
                        .getJsonObject(1)
                        .getJsonObject("correction")
                        .getJsonArray("keyCorrections"))
                .isEqualTo(new JsonArray().add(fix));
        assertThat(fixture.count(
                        "SELECT count(*) AS n FROM audit_trail WHERE action = 'session.results_corrected' AND target = 'session:' || $1::bigint",
                        session.id))
                .isEqualTo(1);
        assertThat(fixture.count("""
        SELECT count(*) AS n FROM audit_trail WHERE action = 'sitting.result_corrected'
           AND target IN (SELECT 'sitting:' || id FROM sitting WHERE session_id = $1)""", session.id)).isEqualTo(changed.size());
        assertThat(TestServer.await(
                                new AuditChainVerifier(fixture.server.server().pool()).verify())
                        .ok())
                .isTrue();

        // the same correction again finds nothing to change: refused, and its dry run says so
        String corrected = fixture.snapshot(session.id);
        assertCode(bureau.post(url, correction), 409, "CORRECTION_CHANGES_NOTHING");
        JsonObject again = ok(bureau.post(url, correction.copy().put("dryRun", true)), 200);
        assertThat(again.getJsonObject("counts").getInteger("changed")).isZero();
        assertThat(ids(again, "unchanged")).containsExactlyInAnyOrderElementsOf(holders);
        assertThat(fixture.snapshot(session.id)).isEqualTo(corrected);
    }

    private static Map<String, PaperItem> paper(ApiClient bureau, long sittingId) {
        try {
            Map<String, PaperItem> items = new LinkedHashMap<>();
            PaperJson.read(ok(bureau.get("/api/sittings/" + sittingId + "/answer-sheet"), 200)
                            .getJsonObject("paper")
                            .encode())
                    .items()
                    .forEach(i -> items.put(i.question().id(), i));
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonObject> entries(JsonObject summary, String group) {
        return summary.getJsonArray(group).stream().map(JsonObject.class::cast).toList();
    }

    private static List<Long> ids(JsonObject summary, String group) {
        return entries(summary, group).stream().map(e -> e.getLong("sittingId")).toList();
    }
}
