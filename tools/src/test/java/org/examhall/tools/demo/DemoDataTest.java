package org.examhall.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Pool;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The demo's data in a real node, as {@code ./examhall demo} starts it: accounts that sign in without a
 * one-time code, the demo bank, the session with two seated candidates and one at the door, the gateway's
 * token, the training institution. A restart on the same data adds nothing.
 */
class DemoDataTest {

    @Test
    void aDemoNodeHasItsDataOnceAndKeepsItOverARestart() {
        ExamhallConfig config = TestServer.newConfig();
        config.mode = ExamhallConfig.Mode.DEMO;
        DemoData first = new DemoData();
        long sessionId;
        try (TestServer node = TestServer.start(config, first)) {
            DemoExam.Info exam = first.exam();
            assertThat(exam.title()).contains("低压电工作业");
            assertThat(exam.seats()).hasSize(3);
            assertThat(exam.seats())
                    .filteredOn(seat -> seat.enrolCode() != null)
                    .hasSize(2);
            assertThat(node.client().login("admin", "demo-admin-2026", null).statusCode())
                    .isEqualTo(200);
            assertThat(TestServer.await(node.server().services().bankCatalog().latest())
                            .bank()
                            .active())
                    .hasSizeGreaterThanOrEqualTo(300);
            assertThat(config.dataPath().resolve("keys").resolve(DemoGateway.TOKEN_FILE))
                    .isNotEmptyFile();
            assertThat(count(node, "institution")).isEqualTo(1);
            sessionId = exam.sessionId();
        }

        config.http.port = TestServer.freePort();
        config.cluster.port = TestServer.freePort();
        DemoData again = new DemoData();
        try (TestServer node = TestServer.start(config, again)) {
            assertThat(again.exam().sessionId()).isEqualTo(sessionId);
            assertThat(count(node, "exam_session")).isEqualTo(1);
            assertThat(count(node, "institution")).isEqualTo(1);
            assertThat(count(node, "staff_account")).isEqualTo(DemoStaff.ACCOUNTS.size());
        }
    }

    private static long count(TestServer node, String table) {
        Pool pool = node.server().pool();
        return TestServer.await(pool.query("SELECT count(*) AS n FROM " + table).execute())
                .iterator()
                .next()
                .getLong("n");
    }
}
