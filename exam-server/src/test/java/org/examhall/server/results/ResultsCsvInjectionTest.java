package org.examhall.server.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonObject;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** A candidate's name typed as a spreadsheet formula reaches the bureau's results.csv as text. */
class ResultsCsvInjectionTest {

    private final TestServer server = TestServer.shared();

    @Test
    void aFormulaForANameIsTextInTheDownloadedCsv() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ok(
                room.admin.post(
                        "/api/sessions/" + sessionId + "/candidates",
                        new JsonObject().put("fullName", "=cmd|' /C calc'!A0").put("idNumber", ExamRoom.newIdNumber())),
                201);

        String csv =
                room.admin.get("/api/sessions/" + sessionId + "/results.csv").bodyAsString();

        assertThat(csv).contains(",'=cmd|' /C calc'!A0,").doesNotContain(",=cmd");
    }
}
