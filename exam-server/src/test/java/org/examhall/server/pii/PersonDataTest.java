package org.examhall.server.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.TestServer.uniqueName;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.util.encoders.Hex;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Personal data at rest and in the API: ID numbers are stored only SM4-encrypted and found through
 * the keyed blind index; staff see masked numbers; one ID number is one person.
 */
class PersonDataTest {

    private static final String PASSWORD = "person-data-12345";

    private static TestServer server;
    private static ApiClient admin;
    private static ApiClient proctor;
    private static ApiClient institution;

    @BeforeAll
    static void signIn() {
        server = TestServer.shared();
        StaffProvisioning.Created a = server.createStaff(uniqueName("pii-admin"), PASSWORD, Role.BUREAU_ADMIN);
        StaffProvisioning.Created p = server.createStaff(uniqueName("pii-proctor"), PASSWORD, Role.PROCTOR);
        StaffProvisioning.Created i = server.createStaff(uniqueName("pii-inst"), PASSWORD, Role.INSTITUTION);
        admin = server.client().signedIn(a.username(), PASSWORD, a.totpSecret());
        proctor = server.client().signedIn(p.username(), PASSWORD, p.totpSecret());
        institution = server.client().signedIn(i.username(), PASSWORD, null);
    }

    /** A valid, random ID number (Beijing Chaoyang, born 1960–2003), so tests sharing a server never collide. */
    static String newIdNumber() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(16_000));
        String first17 =
                "110105" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", random.nextInt(1000));
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static String newIdNumberEndingInX() {
        String id;
        do {
            id = newIdNumber();
        } while (id.charAt(17) != 'X');
        return id;
    }

    private static HttpResponse<Buffer> register(ApiClient client, String name, String idNumber) {
        return client.post(
                "/api/persons", new JsonObject().put("fullName", name).put("idNumber", idNumber));
    }

    private static HttpResponse<Buffer> lookup(ApiClient client, String idNumber) {
        return client.post("/api/persons/lookup", new JsonObject().put("idNumber", idNumber));
    }

    private static long count(String sql) {
        return TestServer.await(server.server().pool().query(sql).execute())
                .iterator()
                .next()
                .getLong(0);
    }

    private static List<String> rows(String sql, Object... params) {
        List<String> out = new ArrayList<>();
        for (Row row :
                TestServer.await(server.server().pool().preparedQuery(sql).execute(Tuple.wrap(params)))) {
            out.add(row.getString(0));
        }
        return out;
    }

    private static void assertError(HttpResponse<Buffer> response, int status, String code) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
    }

    @Test
    void registeringAPersonAnswersWithTheMaskedNumberOnly() {
        String idNumber = newIdNumber();

        HttpResponse<Buffer> response = register(admin, "李秀英", idNumber);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getLong("id")).isPositive();
        assertThat(body.getString("fullName")).isEqualTo("李秀英");
        assertThat(body.getString("idNumberMasked"))
                .isEqualTo(idNumber.substring(0, 6) + "********" + idNumber.substring(14));
        assertThat(response.bodyAsString()).doesNotContain(idNumber).doesNotContain(idNumber.substring(6, 14));
    }

    @Test
    void theDatabaseNeverHoldsTheIdNumberInPlaintext() {
        String idNumber = newIdNumber();
        String first17 = idNumber.substring(0, 17);
        String birthDate = idNumber.substring(6, 14);
        long id = register(admin, "张伟", idNumber).bodyAsJsonObject().getLong("id");

        List<String> everyPersonRow = rows("SELECT p::text FROM person p");
        List<String> thisRow = rows("SELECT p::text FROM person p WHERE id = $1", id);

        assertThat(thisRow)
                .singleElement()
                .asString()
                .contains("张伟", idNumber.substring(0, 6) + "********" + idNumber.substring(14))
                .contains("\\x"); // the encrypted and index columns, printed as hex
        String asciiHex = Hex.toHexString(first17.getBytes(StandardCharsets.US_ASCII));
        assertThat(everyPersonRow)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row)
                        .doesNotContain(idNumber)
                        .doesNotContain(first17)
                        .doesNotContain(birthDate)
                        .doesNotContain(
                                asciiHex.substring(12)) // bytea is shown as hex: no column holds the ASCII digits
                        .doesNotContainIgnoringCase(
                                Hex.toHexString(Sm3.digest(idNumber.getBytes(StandardCharsets.US_ASCII))))
                        .doesNotContainIgnoringCase(Hex.toHexString(
                                Sm3.digest(("resident-id:" + idNumber).getBytes(StandardCharsets.US_ASCII)))));
        // Nor does the audit chain, which records the registration.
        assertThat(rows("SELECT a::text FROM audit_trail a WHERE target = $1", "person:" + id))
                .singleElement()
                .asString()
                .doesNotContain(idNumber)
                .doesNotContain(birthDate)
                .contains("********");
    }

    @Test
    void aBureauAdminFindsThePersonByIdNumberSeesTheMaskedNumberAndTheLookupIsAudited() {
        String idNumber = newIdNumber();
        long id = register(admin, "王芳", idNumber).bodyAsJsonObject().getLong("id");

        HttpResponse<Buffer> response = lookup(admin, idNumber);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("id", id)
                        .put("fullName", "王芳")
                        .put("idNumberMasked", idNumber.substring(0, 6) + "********" + idNumber.substring(14)));
        assertThat(response.bodyAsString()).doesNotContain(idNumber);
        assertThat(rows(
                        "SELECT a::text FROM audit_trail a WHERE target = $1 AND action = 'person.looked_up'",
                        "person:" + id))
                .singleElement()
                .asString()
                .doesNotContain(idNumber)
                .contains("********");
    }

    @Test
    void aProctorCannotResolveIdNumbersToNamesOutsideTheirCheckIn() {
        String idNumber = newIdNumber();
        register(admin, "周琳", idNumber);
        HttpResponse<Buffer> refused = lookup(proctor, idNumber);
        assertError(refused, 403, "FORBIDDEN");
        assertThat(refused.bodyAsString()).doesNotContain("周琳");
    }

    @Test
    void aNumberTypedWithALowerCaseXAndSpacesFindsTheSamePerson() {
        String idNumber = newIdNumberEndingInX();
        long id = register(admin, "刘洋", idNumber).bodyAsJsonObject().getLong("id");

        HttpResponse<Buffer> response = lookup(admin, " " + idNumber.toLowerCase() + " ");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getLong("id")).isEqualTo(id);
    }

    @Test
    void lookingUpAnUnregisteredNumberIsNotFound() {
        assertError(lookup(admin, newIdNumber()), 404, "PERSON_NOT_FOUND");
    }

    @Test
    void registeringTheSameIdNumberTwiceIsAConflictAndAddsNothing() {
        String idNumber = newIdNumberEndingInX();
        assertThat(register(admin, "陈静", idNumber).statusCode()).isEqualTo(201);
        long persons = count("SELECT count(*) FROM person");
        long registrations = count("SELECT count(*) FROM audit_trail WHERE action = 'person.registered'");

        assertError(register(admin, "陈静", idNumber), 409, "PERSON_EXISTS");
        assertError(register(admin, "另一个名字", idNumber.toLowerCase()), 409, "PERSON_EXISTS");

        assertThat(count("SELECT count(*) FROM person")).isEqualTo(persons);
        assertThat(count("SELECT count(*) FROM audit_trail WHERE action = 'person.registered'"))
                .isEqualTo(registrations);
    }

    @Test
    void anInvalidIdNumberIsRefusedAndNothingIsStored() {
        String valid = newIdNumber();
        char wrongCheck = valid.charAt(17) == '0' ? '1' : '0';
        String wrongCheckDigit = valid.substring(0, 17) + wrongCheck;
        String feb30 = "11010519900230123" + ResidentIdNumber.checkCharacter("11010519900230123");
        long persons = count("SELECT count(*) FROM person");

        assertError(register(admin, "赵磊", wrongCheckDigit), 400, "INVALID_ID_NUMBER");
        assertError(register(admin, "赵磊", feb30), 400, "INVALID_ID_NUMBER");
        assertError(register(admin, "赵磊", valid.substring(0, 17)), 400, "INVALID_ID_NUMBER");
        assertError(lookup(admin, wrongCheckDigit), 400, "INVALID_ID_NUMBER");

        assertThat(count("SELECT count(*) FROM person")).isEqualTo(persons);
    }

    @Test
    void anInstitutionMayNeitherRegisterNorLookUpPersons() {
        String idNumber = newIdNumber();
        long persons = count("SELECT count(*) FROM person");

        assertError(register(institution, "孙强", idNumber), 403, "FORBIDDEN");
        assertThat(count("SELECT count(*) FROM person")).isEqualTo(persons);

        assertThat(register(admin, "孙强", idNumber).statusCode()).isEqualTo(201);
        assertError(lookup(institution, idNumber), 403, "FORBIDDEN");
    }

    @Test
    void aProctorMayLookUpButNotRegister() {
        long persons = count("SELECT count(*) FROM person");

        assertError(register(proctor, "周敏", newIdNumber()), 403, "FORBIDDEN");

        assertThat(count("SELECT count(*) FROM person")).isEqualTo(persons);
    }
}
