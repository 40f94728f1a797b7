package org.examhall.server.institutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.Browser;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * institution.html in Debian's headless Chromium: the institution's contact signs in and follows the
 * home page link; registers a trainee with a photo, opens a class and records attendance; creates an
 * application for a class, uploads a PDF proof through the file input and submits. The server then
 * holds what the page showed (the proof with the file's hash). Then it follows an assigned application
 * through check-in (exam time, room, ticket, drawn seat), the exam (已考试) and the bureau's publication
 * on the province page (asked first; dismissing changes nothing) to 已公布, where a retake is offered
 * only now that one is allowed.
 */
class InstitutionPageBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @AutoClose
    private final Browser browser = Browser.open(1280, 1400);

    private final WebDriver driver = browser.driver();
    private final WebDriverWait wait = browser.waitUpTo(TIMEOUT);

    @Test
    void anInstitutionSubmitsAnApplicationWithAProofFile() {
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        InstitutionFixture.Trainee trainee = InstitutionFixture.trainee(school.contact(), "韩梅");
        long classId = InstitutionFixture.trainedClass(school.contact(), Map.of(trainee, 40));
        Path proof = browser.file("shebao.pdf", InstitutionFixture.pdf());

        openOwnPage(school);
        wait.until(d -> d.findElements(By.cssSelector("#application-class option[value='" + classId + "']"))
                        .size()
                == 1);
        assertThat(browser.text(By.id("applications-heading"))).isEqualTo("考试申请");
        assertThat(browser.text(By.id("trainee-rows"))).contains("韩梅");
        driver.findElement(By.id("create-application")).click();

        WebElement draft =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-status=DRAFT]")));
        long applicationId = Long.parseLong(draft.getDomAttribute("data-application"));
        draft.findElement(By.cssSelector(".proof-file"))
                .sendKeys(proof.toAbsolutePath().toString());
        draft.findElement(By.cssSelector(".upload-proof")).click();
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector("tr[data-application='" + applicationId + "'] .proof-count"), "1"));
        driver.findElement(By.cssSelector("tr[data-application='" + applicationId + "'] .submit-application"))
                .click();
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector("tr[data-application='" + applicationId + "'] .application-status"), "已提交"));
        browser.screenshot("institution-submitted.png");

        JsonObject stored = ok(bureau.get("/api/applications/" + applicationId), 200);
        assertThat(stored.getString("status")).isEqualTo("SUBMITTED");
        assertThat(stored.getJsonArray("proofs")).hasSize(1);
        JsonObject file = stored.getJsonArray("proofs").getJsonObject(0);
        assertThat(file.getString("mediaType")).isEqualTo("application/pdf");
        assertThat(file.getString("fileName")).isEqualTo(proof.getFileName().toString());
        assertThat(file.getString("sm3")).isEqualTo(Sm3.hex(InstitutionFixture.pdf()));
    }

    @Test
    void anInstitutionRegistersATraineeWithAPhotoOpensAClassAndRecordsAttendance() {
        InstitutionFixture.Institution school = InstitutionFixture.institution(InstitutionFixture.bureau());
        String idNumber = ExamRoom.newIdNumber();
        Path photo = browser.file("lilei.jpg", Photos.person(30_001, 0));

        openOwnPage(school);
        wait.until(d -> d.findElements(By.cssSelector("#class-item option[value='" + InstitutionFixture.ITEM + "']"))
                        .size()
                == 1);

        // A trainee with the photo the check-in desk will compare faces against; the page shows the ID number masked.
        browser.type(By.id("trainee-name"), "李雷");
        browser.type(By.id("trainee-id"), idNumber);
        browser.type(By.id("trainee-employer"), "平阳某化工厂");
        driver.findElement(By.id("trainee-photo"))
                .sendKeys(photo.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("#trainee-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("trainee-rows")).getText().contains("李雷"));
        JsonObject trainee = ok(school.contact().get("/api/trainees"), 200).getJsonArray("trainees").stream()
                .map(JsonObject.class::cast)
                .filter(t -> "李雷".equals(t.getString("fullName")))
                .findFirst()
                .orElseThrow();
        assertThat(trainee.getBoolean("photo")).isTrue();
        assertThat(trainee.getString("employer")).isEqualTo("平阳某化工厂");
        assertThat(browser.text(By.id("trainee-rows")))
                .contains(trainee.getString("idNumberMasked"))
                .doesNotContain(idNumber);
        // The stored trainee's full ID number does not stay in the form on a shared screen.
        assertThat(driver.findElement(By.id("trainee-id")).getDomProperty("value"))
                .isEmpty();

        // A class of the institution's item, and a day of attendance for the trainee.
        String className = TestServer.uniqueName("低压电工第2期");
        LocalDate start = LocalDate.now().minusDays(3);
        browser.type(By.id("class-name"), className);
        new Select(driver.findElement(By.id("class-item"))).selectByValue(InstitutionFixture.ITEM);
        browser.setValue(By.id("class-start"), start.toString());
        browser.setValue(By.id("class-end"), start.plusDays(2).toString());
        browser.type(By.id("class-hours"), "16");
        driver.findElement(By.cssSelector("#class-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("class-rows")).getText().contains(className));

        // The operation item shows by its name, not its code.
        new Select(driver.findElement(By.id("member-class"))).selectByVisibleText(className + "（低压电工作业）");
        new Select(driver.findElement(By.id("member-trainee"))).selectByValue(String.valueOf(trainee.getLong("id")));
        browser.setValue(By.id("member-day"), start.toString());
        browser.type(By.id("member-hours"), "7.5");
        driver.findElement(By.cssSelector("#member-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("class-rows")).getText().contains("李雷 7.5"));
        browser.screenshot("institution-class.png");

        JsonObject opened = ok(school.contact().get("/api/classes"), 200).getJsonArray("classes").stream()
                .map(JsonObject.class::cast)
                .filter(c -> className.equals(c.getString("name")))
                .findFirst()
                .orElseThrow();
        assertThat(opened.getString("startsOn")).isEqualTo(start.toString());
        assertThat(opened.getString("endsOn")).isEqualTo(start.plusDays(2).toString());
        assertThat(opened.getDouble("requiredHours")).isEqualTo(16.0);
        JsonObject member = ok(school.contact().get("/api/classes/" + opened.getLong("id")), 200)
                .getJsonArray("members")
                .getJsonObject(0);
        assertThat(member.getLong("id")).isEqualTo(trainee.getLong("id"));
        assertThat(member.getDouble("hours")).isEqualTo(7.5);
    }

    @Test
    void anInstitutionFollowsItsTraineesFromAssignmentToPublishedResultsAndAppliesForARetake() {
        // 陈刚 and 周敏 are approved and assigned to a session; 陈刚 will pass, 周敏 will not.
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        InstitutionFixture.Trainee chen = InstitutionFixture.trainee(school.contact(), "陈刚");
        InstitutionFixture.Trainee zhou = InstitutionFixture.trainee(school.contact(), "周敏");
        Map<InstitutionFixture.Trainee, Integer> hours = new LinkedHashMap<>();
        hours.put(chen, 40);
        hours.put(zhou, 40);
        long applicationId = InstitutionFixture.submitted(
                school.contact(), InstitutionFixture.trainedClass(school.contact(), hours));
        InstitutionFixture.approve(bureau, applicationId);
        ExamRoom room = InstitutionFixture.room();
        long sessionId = room.scheduleSession(InstitutionFixture.BLUEPRINT, null, false);
        ok(
                bureau.post(
                        "/api/applications/" + applicationId + "/assign", new JsonObject().put("sessionId", sessionId)),
                200);
        JsonObject session = ok(room.admin.get("/api/sessions/" + sessionId), 200);
        String roomName = session.getString("roomName");

        // Assigned: the exam's time and room, each trainee's admission ticket; the seat is not drawn yet, no retake.
        openOwnPage(school);
        awaitStage(applicationId, "ASSIGNED", "已安排考试");
        assertThat(applicationRow(applicationId)
                        .findElement(By.cssSelector(".application-session"))
                        .getText())
                .contains(roomName);
        Map<String, JsonObject> sittings = sittings(room, sessionId);
        WebElement chenRow = arrangement("陈刚");
        assertThat(chenRow.findElement(By.cssSelector(".ticket")).getText())
                .isEqualTo(sittings.get("陈刚").getString("ticketNo"));
        assertThat(chenRow.findElement(By.cssSelector(".exam-place")).getText()).contains(roomName);
        assertThat(chenRow.findElement(By.cssSelector(".exam-time")).getText())
                .contains(session.getInteger("durationMinutes") + " 分钟");
        assertThat(chenRow.findElement(By.cssSelector(".seat")).getText()).isEqualTo("检录时抽取");
        assertThat(retakeButtons(applicationId)).isEmpty();
        scrollTo("applications-heading");
        browser.screenshot("institution-assigned.png");

        // Check-in opens: the seats are drawn, and the page shows each trainee's.
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        driver.navigate().refresh();
        sittings = sittings(room, sessionId);
        for (String name : List.of("陈刚", "周敏")) {
            String seat = String.valueOf(sittings.get(name).getInteger("seatNo"));
            wait.until(d -> seat.equals(
                    arrangement(name).findElement(By.cssSelector(".seat")).getText()));
            assertThat(arrangement(name).findElement(By.cssSelector(".ticket")).getText())
                    .isEqualTo(sittings.get(name).getString("ticketNo"));
        }
        scrollTo("arrangements-heading");
        browser.screenshot("institution-seats-drawn.png");

        // The exam is held and scored: 已考试, scores not yet shown, still no retake before publication.
        InstitutionFixture.sitToScored(room, sessionId, List.of(chen, zhou), List.of(chen));
        driver.navigate().refresh();
        awaitStage(applicationId, "EXAMINED", "已考试");
        assertThat(browser.text(By.id("result-rows"))).contains("待公布").doesNotContain("不合格");
        assertThat(retakeButtons(applicationId)).isEmpty();

        // The bureau publishes from the province page, picking the session; it is asked first, and saying no changes
        // nothing.
        switchUser();
        String admin = TestServer.uniqueName("web-publisher");
        StaffProvisioning.Created account =
                InstitutionFixture.node().createStaff(admin, InstitutionFixture.PASSWORD, Role.BUREAU_ADMIN);
        browser.signIn(
                InstitutionFixture.node().baseUrl(),
                admin,
                InstitutionFixture.PASSWORD,
                Totp.codeAt(account.totpSecret(), Instant.now()));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("link-province")))
                .click();
        wait.until(d -> d.findElements(By.cssSelector("#publish-session option[value='" + sessionId + "']"))
                        .size()
                == 1);
        new Select(driver.findElement(By.id("publish-session"))).selectByValue(String.valueOf(sessionId));
        driver.findElement(By.cssSelector("#publish-form button[type=submit]")).click();
        assertThat(browser.answerConfirm(false)).contains("不能撤回");
        assertThat(ok(bureau.get("/api/applications/" + applicationId), 200).getBoolean("published"))
                .isFalse();
        assertThat(browser.text(By.id("publish-result"))).isEmpty();
        driver.findElement(By.cssSelector("#publish-form button[type=submit]")).click();
        browser.answerConfirm(true);
        wait.until(d -> !d.findElement(By.id("publish-result")).getText().isBlank());
        assertThat(ok(bureau.get("/api/applications/" + applicationId), 200).getBoolean("published"))
                .isTrue();
        // Published once: the picker no longer offers the session.
        wait.until(d -> d.findElements(By.cssSelector("#publish-session option[value='" + sessionId + "']"))
                .isEmpty());
        browser.screenshot("province-published.png");

        // Published: the institution sees 已公布, the results, and (周敏 failed) a retake it may apply for.
        switchUser();
        openOwnPage(school);
        awaitStage(applicationId, "PUBLISHED", "已公布");
        assertThat(browser.text(By.id("result-rows")))
                .contains("陈刚")
                .contains("合格")
                .contains("周敏")
                .contains("不合格");
        assertThat(retakeButtons(applicationId))
                .singleElement()
                .satisfies(b -> assertThat(b.getText()).isEqualTo("申请补考"));
        scrollTo("applications-heading");
        browser.screenshot("institution-published.png");
        retakeButtons(applicationId).get(0).click();
        WebElement retake = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#application-rows tr[data-status=DRAFT]")));
        assertThat(retake.getText()).contains("补考，原申请 " + applicationId);
        // The retake is used: the button goes, as the server now says.
        wait.until(d -> retakeButtons(applicationId).isEmpty());
        JsonObject stored =
                ok(school.contact().get("/api/applications/" + retake.getDomAttribute("data-application")), 200);
        assertThat(stored.getLong("retakeOf")).isEqualTo(applicationId);
        assertThat(stored.getJsonArray("roster").stream().map(r -> ((JsonObject) r).getString("fullName")))
                .containsExactly("周敏");

        // English on request.
        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.id("arrangements-heading"), "Trainees' exam arrangements"));
        assertThat(applicationRow(applicationId)
                        .findElement(By.cssSelector(".application-status"))
                        .getText())
                .isEqualTo("Results published");
        driver.findElement(By.id("lang-zh")).click();
    }

    private WebElement applicationRow(long applicationId) {
        return driver.findElement(By.cssSelector("#application-rows tr[data-application='" + applicationId + "']"));
    }

    private void awaitStage(long applicationId, String stage, String label) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#application-rows tr[data-application='" + applicationId + "'][data-stage='" + stage + "']")));
        assertThat(applicationRow(applicationId)
                        .findElement(By.cssSelector(".application-status"))
                        .getText())
                .isEqualTo(label);
    }

    private List<WebElement> retakeButtons(long applicationId) {
        return applicationRow(applicationId).findElements(By.cssSelector(".retake-application"));
    }

    private WebElement arrangement(String fullName) {
        return wait.until(d -> d.findElements(By.cssSelector("#arrangement-rows tr")).stream()
                .filter(row -> row.getText().startsWith(fullName))
                .findFirst()
                .orElse(null));
    }

    /** The session's sittings by candidate name, as the bureau sees them (ticket and seat). */
    private static Map<String, JsonObject> sittings(ExamRoom room, long sessionId) {
        Map<String, JsonObject> byName = new HashMap<>();
        ok(room.admin.get("/api/sessions/" + sessionId + "/results"), 200).getJsonArray("results").stream()
                .map(JsonObject.class::cast)
                .forEach(r -> byName.put(r.getString("fullName"), r));
        return byName;
    }

    private void scrollTo(String id) {
        ((JavascriptExecutor) driver)
                .executeScript("document.getElementById(arguments[0]).scrollIntoView({block: 'start'});", id);
    }

    /** Ends the browser's session so that another account can sign in. */
    private void switchUser() {
        driver.manage().deleteAllCookies();
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear();");
    }

    /** Signs in as the institution's contact and follows the home page's link to the institution's page. */
    private void openOwnPage(InstitutionFixture.Institution school) {
        browser.signIn(InstitutionFixture.node().baseUrl(), school.username(), InstitutionFixture.PASSWORD, null);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("link-institution")))
                .click();
        wait.until(ExpectedConditions.urlContains("/institution.html"));
    }
}
