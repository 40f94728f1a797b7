package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.examhall.bank.demo.DemoBank;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.server.ExamServer;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The demo bank seeded into the database (BankSeed): every demo question active as shipped, a blueprint per item, loaded once. */
class BankDemoSeedTest {

    private final ExamServer server = TestServer.shared().server();

    @Test
    void theDemoBankIsInTheDatabaseAndSeedingAgainChangesNothing() {
        DemoBank demo = DemoBank.load();
        BankStore store = server.services().bankCatalog();
        QuestionBank before = TestServer.await(store.latest()).bank();

        for (Question question : demo.bank().allVersions()) {
            assertThat(before.find(question.ref()))
                    .as(question.ref().toString())
                    .contains(question);
        }
        Set<String> demoCategories =
                demo.bank().active().stream().map(q -> q.content().category()).collect(Collectors.toSet());
        assertThat(demoCategories).hasSizeGreaterThanOrEqualTo(3);
        assertThat(demo.bank().active()).hasSizeGreaterThanOrEqualTo(300);
        demo.blueprints()
                .forEach(blueprint -> assertThat(TestServer.await(store.blueprint(blueprint.id())))
                        .as(blueprint.id())
                        .contains(blueprint));

        TestServer.seedDemoBank(server);

        assertThat(TestServer.await(store.latest()).bank().version()).isEqualTo(before.version());
    }
}
