package org.examhall.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.http.Role;
import org.examhall.server.pii.ResidentIdNumber;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Stopping and starting a node on the embedded database keeps every record: accounts, persons, the audit chain. */
class DataSurvivesRestartTest {

    @Test
    void recordsMadeBeforeARestartAreThereAfterIt() throws Exception {
        ExamhallConfig config = TestServer.newConfig();
        String auditorName = TestServer.uniqueName("auditor");
        String adminName = TestServer.uniqueName("admin");
        String idNumber = "11010519491231002" + ResidentIdNumber.checkCharacter("11010519491231002");
        long auditEntries;

        try (TestServer first = TestServer.start(config)) {
            first.createStaff(auditorName, "restart-pass-123", Role.AUDITOR);
            StaffProvisioning.Created admin = first.createStaff(adminName, "restart-pass-123", Role.BUREAU_ADMIN);
            ApiClient client = first.client().signedIn(adminName, "restart-pass-123", admin.totpSecret());
            assertThat(client.post(
                                    "/api/persons",
                                    new JsonObject().put("fullName", "王建国").put("idNumber", idNumber))
                            .statusCode())
                    .isEqualTo(201);
            auditEntries = first.client()
                    .signedIn(auditorName, "restart-pass-123", null)
                    .get("/api/audit/verify")
                    .bodyAsJsonObject()
                    .getLong("checked");
        }
        assertThat(Files.exists(Path.of(config.dataDir, "pg", "PG_VERSION"))).isTrue();

        config.http.port = TestServer.freePort();
        config.cluster.port = TestServer.freePort();
        try (TestServer second = TestServer.start(config)) {
            ApiClient auditor = second.client().signedIn(auditorName, "restart-pass-123", null);
            JsonObject verify = auditor.get("/api/audit/verify").bodyAsJsonObject();
            assertThat(verify.getBoolean("ok")).isTrue();
            // The entries from before the restart plus this sign-in.
            assertThat(verify.getLong("checked")).isGreaterThan(auditEntries);
            StaffProvisioning.Created bureau =
                    second.createStaff(TestServer.uniqueName("bureau"), "restart-pass-123", Role.BUREAU_ADMIN);
            ApiClient bureauClient =
                    second.client().signedIn(bureau.username(), "restart-pass-123", bureau.totpSecret());
            JsonObject person = bureauClient
                    .post("/api/persons/lookup", new JsonObject().put("idNumber", idNumber))
                    .bodyAsJsonObject();
            assertThat(person.getString("fullName")).isEqualTo("王建国");
        }
    }
}
