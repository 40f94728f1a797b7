package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.bank.BankFixture.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.examhall.bank.question.QuestionBank;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestCluster;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database and one cluster: what the bureau changes through one node reaches the
 * cached catalog of the other (the one exam delivery draws papers from) within moments.
 */
class BankCatalogAcrossNodesTest {

    @AutoClose
    private static final TestCluster cluster = TestCluster.start(2);

    private static final TestServer nodeA = cluster.node(0);
    private static final TestServer nodeB = cluster.node(1);

    @Test
    void categoriesQuestionsAndBlueprintsChangedOnOneNodeReachTheOthersCatalog() {
        String name = TestServer.uniqueName("bank-admin");
        StaffProvisioning.Created account = nodeA.createStaff(name, BankFixture.PASSWORD, Role.BUREAU_ADMIN);
        ApiClient onA = nodeA.client().signedIn(name, BankFixture.PASSWORD, account.totpSecret());
        String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String item = "TI-" + tag;
        BankStore catalogB = nodeB.server().services().bankCatalog();

        ok(
                onA.post(
                        "/api/bank/categories",
                        new JsonObject()
                                .put("kind", "OPERATION_CLASS")
                                .put("code", "TC-" + tag)
                                .put("name", "集群测试类别")),
                201);
        ok(
                onA.post(
                        "/api/bank/categories",
                        new JsonObject()
                                .put("kind", "OPERATION_ITEM")
                                .put("code", item)
                                .put("name", "集群测试项目")
                                .put("classCode", "TC-" + tag)),
                201);
        awaitTrue("node B knows the new category", () -> catalogB.categories().contains(item));

        JsonObject created = ok(
                onA.post(
                        "/api/bank/questions",
                        new JsonObject()
                                .put("type", "判断题")
                                .put("stem", "【" + tag + "】集群中的判断题")
                                .put("answer", "正确")
                                .put("difficulty", 2)
                                .put("category", item)),
                201);
        String id = created.getString("id");
        ok(onA.post("/api/bank/questions/" + id + "/status", new JsonObject().put("status", "REVIEWED")), 200);
        ok(onA.post("/api/bank/questions/" + id + "/status", new JsonObject().put("status", "ACTIVE")), 200);
        QuestionBank onNodeA =
                TestServer.await(nodeA.server().services().bankCatalog().currentBank());
        awaitTrue("node B draws from the same bank version", () -> {
            QuestionBank onNodeB = TestServer.await(catalogB.currentBank());
            return onNodeB.version() == onNodeA.version()
                    && onNodeB.latest(id).map(q -> q.isActive()).orElse(false);
        });

        ok(
                onA.post(
                        "/api/bank/blueprints",
                        new JsonObject()
                                .put("id", "BP-" + tag)
                                .put("title", "集群规则")
                                .put("category", item)
                                .put("durationMinutes", 30)
                                .put("totalPoints", 1)
                                .put("passMark", 1)
                                .put(
                                        "sections",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("type", "TRUE_FALSE")
                                                        .put("count", 1)
                                                        .put("pointsEach", 1)))),
                201);
        awaitTrue(
                "node B has the new blueprint",
                () -> TestServer.await(catalogB.blueprint("BP-" + tag)).isPresent());
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 60 s").isLessThan(deadline);
            BankFixture.sleep(100);
        }
    }
}
