package org.examhall.server.proctoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A proctor reads only the sessions they are assigned to: another room's record (names, ID numbers,
 * incidents) and its anomalies are refused, the way the grid and the signals already were.
 */
class ObjectLevelReadsTest {

    private final TestServer server = TestServer.shared();

    @Test
    void aProctorOfAnotherSessionReadsNeitherTheRoomRecordNorTheAnomalies() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        room.addCandidate(sessionId, "钱进", Photos.person(141, 0));
        ExamRoom elsewhere = ExamRoom.create(server, 25);
        elsewhere.scheduleSession("DEMO-ELEC-LV", null, false);

        for (String path : new String[] {"/room-record", "/anomalies"}) {
            String url = "/api/sessions/" + sessionId + path;
            assertCode(elsewhere.proctor1.client().get(url), 403, "NOT_ASSIGNED_PROCTOR");
            assertThat(elsewhere.proctor1.client().get(url).bodyAsString()).doesNotContain("钱进");
            ok(room.proctor1.client().get(url), 200);
            ok(room.admin.get(url), 200);
        }
        assertThat(ok(room.proctor2.client().get("/api/sessions/" + sessionId + "/room-record"), 200)
                        .encode())
                .contains("钱进");
    }
}
