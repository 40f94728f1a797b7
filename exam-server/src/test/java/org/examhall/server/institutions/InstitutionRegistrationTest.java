package org.examhall.server.institutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Registering institutions (credit code, scope), linking accounts, trainees and classes, each bad input refused. */
class InstitutionRegistrationTest {

    @Test
    void creditCodesAreCheckedWithTheGb32100CheckCharacter() {
        // Published examples of valid codes.
        assertThat(CreditCode.parse("91350100M000100Y43")).contains("91350100M000100Y43");
        assertThat(CreditCode.parse(" 91110000600037341l ")).contains("91110000600037341L");
        assertThat(CreditCode.parse("91310000132149237G")).contains("91310000132149237G");
        assertThat(CreditCode.parse("91350100M000100Y44")).isEmpty();
        assertThat(CreditCode.parse("91350100M000100Y4")).isEmpty();
        assertThat(CreditCode.parse("91350100I000100Y43")).isEmpty();
        assertThat(CreditCode.parse(null)).isEmpty();
        String generated = InstitutionFixture.creditCode();
        assertThat(CreditCode.parse(generated.toLowerCase())).contains(generated);
    }

    @Test
    void theBureauRegistersAnInstitutionAndBadInputChangesNothing() {
        ApiClient bureau = InstitutionFixture.bureau();
        String code = InstitutionFixture.creditCode();
        JsonObject body = new JsonObject()
                .put("name", "平阳县安安职业培训学校")
                .put("creditCode", code)
                .put("scope", new JsonArray().add("ELEC-LV").add("weld-fusion"));
        long before = count(bureau);
        assertCode(
                bureau.post(
                        "/api/institutions", body.copy().put("creditCode", code.substring(0, 17) + wrongCheck(code))),
                400,
                "INVALID_CREDIT_CODE");
        assertCode(
                bureau.post("/api/institutions", body.copy().put("scope", new JsonArray())),
                400,
                "INVALID_OPERATION_ITEM");
        assertCode(
                bureau.post("/api/institutions", body.copy().put("scope", new JsonArray().add("电工"))),
                400,
                "INVALID_OPERATION_ITEM");
        assertCode(bureau.post("/api/institutions", body.copy().put("name", "")), 400, "VALIDATION_FAILED");
        assertThat(count(bureau)).isEqualTo(before);

        JsonObject created = ok(bureau.post("/api/institutions", body), 201);
        assertThat(created.getJsonArray("scope").getList()).containsExactly("ELEC-LV", "WELD-FUSION");
        assertThat(created.getBoolean("suspended")).isFalse();
        assertCode(bureau.post("/api/institutions", body), 409, "CREDIT_CODE_TAKEN");

        TestServer server = InstitutionFixture.node();
        StaffProvisioning.Created auditor =
                server.createStaff(TestServer.uniqueName("aud"), InstitutionFixture.PASSWORD, Role.AUDITOR);
        assertCode(
                bureau.post(
                        "/api/institutions/" + created.getLong("id") + "/staff",
                        new JsonObject().put("staffId", auditor.id())),
                400,
                "STAFF_NOT_LINKABLE");
        assertCode(
                bureau.post(
                        "/api/institutions/" + created.getLong("id") + "/staff",
                        new JsonObject().put("staffId", 99999999)),
                404,
                "STAFF_NOT_FOUND");
        assertCode(
                bureau.post("/api/institutions/99999999/staff", new JsonObject().put("staffId", auditor.id())),
                404,
                "INSTITUTION_NOT_FOUND");
    }

    @Test
    void anUnlinkedInstitutionAccountSeesNothing() {
        TestServer server = InstitutionFixture.node();
        StaffProvisioning.Created account =
                server.createStaff(TestServer.uniqueName("loose"), InstitutionFixture.PASSWORD, Role.INSTITUTION);
        ApiClient loose = server.client().signedIn(account.username(), InstitutionFixture.PASSWORD, null);
        assertCode(loose.get("/api/trainees"), 409, "INSTITUTION_NOT_LINKED");
        assertCode(loose.get("/api/applications"), 409, "INSTITUTION_NOT_LINKED");
    }

    @Test
    void traineesAndClassesAreValidated() {
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau, "ELEC-LV");
        ApiClient contact = school.contact();
        InstitutionFixture.Trainee zhang = InstitutionFixture.trainee(contact, "张三");
        assertCode(
                contact.post(
                        "/api/trainees", new JsonObject().put("fullName", "张三").put("idNumber", zhang.idNumber())),
                409,
                "TRAINEE_EXISTS");
        assertCode(
                contact.post(
                        "/api/trainees", new JsonObject().put("fullName", "李四").put("idNumber", "33032619900101123")),
                400,
                "INVALID_ID_NUMBER");
        assertCode(
                contact.post(
                        "/api/trainees",
                        new JsonObject()
                                .put("fullName", "李四")
                                .put("idNumber", ExamRoom.newIdNumber())
                                .put("photo", "bm90IGFuIGltYWdl")),
                400,
                "PHOTO_INVALID");
        JsonObject listed = ok(contact.get("/api/trainees"), 200);
        assertThat(listed.getJsonArray("trainees")).hasSize(1);
        assertThat(listed.getJsonArray("trainees").getJsonObject(0).getString("idNumberMasked"))
                .contains("********")
                .doesNotContain(zhang.idNumber());

        LocalDate start = LocalDate.now();
        JsonObject klass = new JsonObject()
                .put("name", "第1期")
                .put("operationItem", "ELEC-LV")
                .put("startsOn", start.toString())
                .put("endsOn", start.plusDays(5).toString())
                .put("requiredHours", 40);
        assertCode(
                contact.post("/api/classes", klass.copy().put("operationItem", "WELD-FUSION")),
                409,
                "ITEM_OUT_OF_SCOPE");
        assertCode(
                contact.post(
                        "/api/classes",
                        klass.copy().put("endsOn", start.minusDays(1).toString())),
                400,
                "INVALID_DATE");
        assertCode(contact.post("/api/classes", klass.copy().put("startsOn", "2026/01/01")), 400, "INVALID_DATE");
        assertCode(contact.post("/api/classes", klass.copy().put("requiredHours", 0)), 400, "VALIDATION_FAILED");
        JsonObject created = ok(contact.post("/api/classes", klass), 201);
        assertThat(created.getString("retainUntil"))
                .isEqualTo(start.plusDays(5).plusYears(3).toString());
        long classId = created.getLong("id");
        assertCode(
                contact.post(
                        "/api/classes/" + classId + "/members",
                        new JsonObject()
                                .put("traineeId", zhang.id())
                                .put(
                                        "attendance",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put(
                                                                "day",
                                                                start.minusDays(1)
                                                                        .toString())
                                                        .put("hours", 8)))),
                400,
                "DAY_OUTSIDE_CLASS");
        assertCode(
                contact.post(
                        "/api/classes/" + classId + "/members",
                        new JsonObject()
                                .put("traineeId", zhang.id())
                                .put(
                                        "attendance",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("day", start.toString())
                                                        .put("hours", 25)))),
                400,
                "VALIDATION_FAILED");
        JsonObject members = ok(
                contact.post(
                        "/api/classes/" + classId + "/members",
                        new JsonObject()
                                .put("traineeId", zhang.id())
                                .put(
                                        "attendance",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("day", start.toString())
                                                        .put("hours", 8))
                                                .add(new JsonObject()
                                                        .put(
                                                                "day",
                                                                start.plusDays(1)
                                                                        .toString())
                                                        .put("hours", 7.5)))),
                200);
        assertThat(members.getJsonArray("members").getJsonObject(0).getDouble("hours"))
                .isEqualTo(15.5);
        // A day given again replaces its hours.
        members = ok(
                contact.post(
                        "/api/classes/" + classId + "/members",
                        new JsonObject()
                                .put("traineeId", zhang.id())
                                .put(
                                        "attendance",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("day", start.toString())
                                                        .put("hours", 4)))),
                200);
        assertThat(members.getJsonArray("members").getJsonObject(0).getDouble("hours"))
                .isEqualTo(11.5);
    }

    private static char wrongCheck(String code) {
        char right = code.charAt(17);
        return right == '0' ? '1' : '0';
    }

    private static long count(ApiClient bureau) {
        return ok(bureau.get("/api/institutions"), 200)
                .getJsonArray("institutions")
                .size();
    }
}
