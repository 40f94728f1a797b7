package org.examhall.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;
import static org.examhall.server.testing.TestServer.uniqueName;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/audit/entries as the auditor's page uses it: filtered by actor, action (exact or a prefix),
 * target and time range, paged newest first or oldest first with a cursor; a bad filter is a 400
 * INVALID_AUDIT_QUERY in both languages.
 */
class AuditEntriesFilterTest {

    private static final String PASSWORD = "audit-filter-12345";

    private static TestServer server;
    private static String adminName;
    private static ApiClient admin;
    private static ApiClient auditor;

    @BeforeAll
    static void signIn() {
        server = TestServer.shared();
        StaffProvisioning.Created a = server.createStaff(uniqueName("filter-admin"), PASSWORD, Role.BUREAU_ADMIN);
        StaffProvisioning.Created au = server.createStaff(uniqueName("filter-auditor"), PASSWORD, Role.AUDITOR);
        adminName = a.username();
        admin = server.client().signedIn(adminName, PASSWORD, a.totpSecret());
        auditor = server.client().signedIn(au.username(), PASSWORD, null);
    }

    @Test
    void filtersByActorActionTargetAndTime() {
        Instant before = Instant.now();
        long first = site("审计筛选考点一");
        long second = site("审计筛选考点二");
        ok(admin.post("/api/sites/" + first + "/rooms", new JsonObject().put("name", "一号考场")), 201);

        List<JsonObject> byActor = entries("actor=" + adminName);
        assertThat(byActor)
                .extracting(e -> e.getString("action"))
                .containsSubsequence("site.created", "site.created", "room.created");
        assertThat(byActor).allSatisfy(e -> assertThat(e.getString("actor")).isEqualTo(adminName));

        assertThat(entries("actor=" + adminName + "&action=site.created"))
                .extracting(e -> e.getString("target"))
                .endsWith("site:" + first, "site:" + second);
        assertThat(entries("actor=" + adminName + "&action=" + encode("site.*")))
                .extracting(e -> e.getString("action"))
                .containsOnly("site.created");
        assertThat(entries("target=site:" + second))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.getJsonObject("details").getString("name")).startsWith("审计筛选考点二"));

        // The time range: everything of this actor after the first change, nothing before it.
        assertThat(entries("actor=" + adminName + "&from=" + before))
                .hasSize(byActor.size() - countBefore(byActor, before));
        assertThat(entries("actor=" + adminName + "&to=" + before))
                .allSatisfy(e ->
                        assertThat(Instant.parse(e.getString("occurredAt"))).isBefore(before));
    }

    @Test
    void pagesNewestFirstWithACursor() {
        for (int i = 0; i < 3; i++) {
            site("审计翻页考点" + i);
        }
        String filter = "actor=" + adminName + "&action=site.created";
        List<JsonObject> all = entries(filter);
        assertThat(all.size()).isGreaterThanOrEqualTo(3);

        JsonObject page = ok(auditor.get("/api/audit/entries?order=desc&limit=2&" + filter), 200);
        JsonArray newest = page.getJsonArray("entries");
        assertThat(newest).hasSize(2);
        assertThat(newest.getJsonObject(0).getLong("seq"))
                .isEqualTo(all.get(all.size() - 1).getLong("seq"));
        assertThat(newest.getJsonObject(1).getLong("seq"))
                .isEqualTo(all.get(all.size() - 2).getLong("seq"));
        assertThat(page.getBoolean("hasMore")).isTrue();
        assertThat(page.getLong("next")).isEqualTo(newest.getJsonObject(1).getLong("seq"));

        JsonObject older = ok(
                auditor.get("/api/audit/entries?order=desc&limit=2&before=" + page.getLong("next") + "&" + filter),
                200);
        assertThat(older.getJsonArray("entries").getJsonObject(0).getLong("seq"))
                .isEqualTo(all.get(all.size() - 3).getLong("seq"));

        JsonObject whole = ok(auditor.get("/api/audit/entries?order=desc&limit=1000&" + filter), 200);
        assertThat(whole.getBoolean("hasMore")).isFalse();
        assertThat(whole.getValue("next")).isNull();
    }

    @Test
    void aBadFilterIsRefusedWithItsName() {
        for (String bad : List.of(
                "from=yesterday",
                "to=2026-13-01T00:00:00Z",
                "from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
                "order=sideways",
                "limit=0",
                "limit=1001",
                "after=-1",
                "before=5",
                "order=desc&after=5",
                "action=" + encode("*.created"),
                "actor=" + "x".repeat(201))) {
            assertCode(auditor.get("/api/audit/entries?" + bad), 400, "INVALID_AUDIT_QUERY");
        }
        JsonObject refusal = auditor.get("/api/audit/entries?from=yesterday").bodyAsJsonObject();
        assertThat(refusal.getJsonObject("message").getString("zh"))
                .contains("from")
                .contains("ISO 8601");
        assertThat(refusal.getJsonObject("message").getString("en"))
                .contains("from")
                .contains("ISO 8601");
        // Only auditors read the trail, filtered or not.
        assertThat(admin.get("/api/audit/entries?action=site.created").statusCode())
                .isEqualTo(403);
    }

    private static long site(String name) {
        return ok(admin.post("/api/sites", new JsonObject().put("name", uniqueName(name))), 201)
                .getLong("id");
    }

    /** Every entry matching the filter, oldest first, read page by page. */
    private static List<JsonObject> entries(String filter) {
        List<JsonObject> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonObject page = ok(auditor.get("/api/audit/entries?limit=1000&after=" + after + "&" + filter), 200);
            page.getJsonArray("entries").forEach(e -> all.add((JsonObject) e));
            if (!page.getBoolean("hasMore")) {
                return all;
            }
            after = page.getLong("next");
        }
    }

    private static int countBefore(List<JsonObject> entries, Instant time) {
        return (int) entries.stream()
                .filter(e -> Instant.parse(e.getString("occurredAt")).isBefore(time))
                .count();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
