package org.examhall.server.institutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * institutions.html, the bureau's page for training institutions, in Debian's headless Chromium: a
 * bureau administrator registers an institution and links its contact's account, reviews two
 * submitted applications by their roster (hours, attendance) and proofs (approves one, sends the other
 * back with a reason), assigns the approved one to a session picked from a list, suspends an institution, and reads the yearly assessment charts once the
 * session's results are published. After each step the server holds what the page showed.
 */
class InstitutionsPageBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final TestServer node = InstitutionFixture.node();

    @AutoClose
    private final Browser browser = Browser.open(1280, 1400);

    private final WebDriver driver = browser.driver();
    private final WebDriverWait wait = browser.waitUpTo(TIMEOUT);

    @Test
    void theBureauRegistersReviewsAssignsSuspendsAndAssesses() {
        // A school with two submitted applications: 张伟 and 李娜 in one class, 王芳 in another.
        ApiClient bureau = InstitutionFixture.bureau();
        InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
        InstitutionFixture.Trainee zhang = InstitutionFixture.trainee(school.contact(), "张伟");
        InstitutionFixture.Trainee li = InstitutionFixture.trainee(school.contact(), "李娜");
        InstitutionFixture.Trainee wang = InstitutionFixture.trainee(school.contact(), "王芳");
        Map<InstitutionFixture.Trainee, Integer> hours = new LinkedHashMap<>();
        hours.put(zhang, 40);
        hours.put(li, 40);
        long approvedId = InstitutionFixture.submitted(
                school.contact(), InstitutionFixture.trainedClass(school.contact(), hours));
        long rejectedId = InstitutionFixture.submitted(
                school.contact(), InstitutionFixture.trainedClass(school.contact(), Map.of(wang, 40)));
        String schoolName = institution(bureau, school.id()).getString("name");
        ExamRoom room = InstitutionFixture.room();
        long sessionId = room.scheduleSession(InstitutionFixture.BLUEPRINT, null, false);

        // The administrator goes from the home page to the institutions page; the shared top bar says who is signed in.
        String username = TestServer.uniqueName("web-insts");
        StaffProvisioning.Created admin = node.createStaff(username, InstitutionFixture.PASSWORD, Role.BUREAU_ADMIN);
        browser.signIn(
                node.baseUrl(), username, InstitutionFixture.PASSWORD, Totp.codeAt(admin.totpSecret(), Instant.now()));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("link-institutions")))
                .click();
        wait.until(ExpectedConditions.urlContains("/institutions.html"));
        WebElement schoolRow = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#institution-rows tr[data-institution='" + school.id() + "']")));
        assertThat(schoolRow.getText())
                .contains(schoolName)
                .contains(school.creditCode())
                .contains("正常");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("培训机构与考试申请");
        assertThat(browser.text(By.id("user-name"))).contains(username);
        assertThat(browser.text(By.id("user-role"))).isEqualTo("考试机构管理员");

        // Registering an institution.
        String name = TestServer.uniqueName("安全培训中心");
        String creditCode = InstitutionFixture.creditCode();
        browser.type(By.id("reg-name"), name);
        browser.type(By.id("reg-code"), creditCode);
        browser.type(By.id("reg-scope"), "ELEC-LV，WELD-FUSION");
        driver.findElement(By.cssSelector("#register-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("institution-rows")).getText().contains(name));
        JsonObject registered = ok(bureau.get("/api/institutions"), 200).getJsonArray("institutions").stream()
                .map(JsonObject.class::cast)
                .filter(i -> name.equals(i.getString("name")))
                .findFirst()
                .orElseThrow();
        assertThat(registered.getString("creditCode")).isEqualTo(creditCode);
        assertThat(registered.getJsonArray("scope")).containsExactly("ELEC-LV", "WELD-FUSION");
        long newId = registered.getLong("id");

        // Linking its contact's account by the account's number.
        StaffProvisioning.Created contact =
                node.createStaff(TestServer.uniqueName("web-contact"), InstitutionFixture.PASSWORD, Role.INSTITUTION);
        new Select(driver.findElement(By.id("link-institution"))).selectByValue(String.valueOf(newId));
        browser.type(By.id("link-staff"), String.valueOf(contact.id()));
        driver.findElement(By.cssSelector("#link-form button[type=submit]")).click();
        By newRow = By.cssSelector("#institution-rows tr[data-institution='" + newId + "']");
        wait.until(d -> d.findElement(newRow).getText().contains(contact.username() + "（培训机构）"));
        assertThat(institution(bureau, newId).getJsonArray("staff").stream()
                        .map(JsonObject.class::cast)
                        .map(s -> s.getLong("id")))
                .containsExactly(contact.id());

        // Review: the proof is there to open, with its hash; one application approved, one sent back with a reason.
        WebElement toApprove = reviewRow(approvedId);
        assertThat(toApprove.getText()).contains(schoolName).contains("已提交");
        // The roster under review: each trainee with hours against the class's 40 and the days attended (8 hours from
        // the start).
        String firstDay = LocalDate.now().minusDays(20).toString().substring(5);
        WebElement roster = driver.findElement(By.cssSelector("#review-rows tr[data-roster-of='" + approvedId + "']"));
        assertThat(roster.findElements(By.cssSelector("table.roster > tbody > tr")))
                .hasSize(2);
        assertThat(roster.getText())
                .contains("张伟")
                .contains("李娜")
                .contains("40 / 40")
                .contains(firstDay + " 8")
                .contains(zhang.idNumber().substring(0, 6));
        ((JavascriptExecutor) driver)
                .executeScript("document.getElementById('review-heading').scrollIntoView({block: 'start'});");
        browser.screenshot("institutions-roster.png");
        WebElement proof = toApprove.findElement(By.linkText("shebao.pdf"));
        assertThat(proof.getDomAttribute("title")).isEqualTo("SM3 " + Sm3.hex(InstitutionFixture.pdf()));
        button(toApprove, "批准").click();
        awaitStatus(approvedId, "APPROVED");
        WebElement toReject = reviewRow(rejectedId);
        toReject.findElement(By.tagName("input")).sendKeys("社保证明与花名册不符");
        button(toReject, "退回").click();
        awaitStatus(rejectedId, "REJECTED");
        assertThat(reviewRow(rejectedId).getText()).contains("已退回：社保证明与花名册不符");
        JsonObject rejected = ok(bureau.get("/api/applications/" + rejectedId), 200);
        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.getString("reviewReason")).isEqualTo("社保证明与花名册不符");
        assertThat(ok(bureau.get("/api/applications/" + approvedId), 200).getString("status"))
                .isEqualTo("APPROVED");

        // The approved one goes to the session: its trainees become the session's candidates.
        WebElement toAssign = reviewRow(approvedId);
        new Select(toAssign.findElement(By.cssSelector("select.session-picker")))
                .selectByValue(String.valueOf(sessionId));
        button(toAssign, "安排考试").click();
        awaitStatus(approvedId, "ASSIGNED");
        assertThat(reviewRow(approvedId).getText()).contains("已安排考试");
        assertThat(ok(room.admin.get("/api/sessions/" + sessionId + "/results"), 200).getJsonArray("results").stream()
                        .map(r -> ((JsonObject) r).getString("fullName")))
                .containsExactlyInAnyOrder("张伟", "李娜");
        browser.screenshot("institutions-review.png");

        // Suspending the new institution (dates set as the date picker would).
        LocalDate from = LocalDate.now().minusDays(1);
        LocalDate to = from.plusMonths(6);
        new Select(driver.findElement(By.id("suspend-institution"))).selectByValue(String.valueOf(newId));
        browser.setValue(By.id("suspend-from"), from.toString());
        browser.setValue(By.id("suspend-to"), to.toString());
        browser.type(By.id("suspend-reason"), "培训学时造假");
        driver.findElement(By.cssSelector("#suspend-form button[type=submit]")).click();
        wait.until(d ->
                d.findElement(By.id("sanction-list")).getText().contains(name + "：" + from + " ~ " + to + "，培训学时造假"));
        assertThat(driver.findElement(newRow).getText()).contains("已暂停考试申请");
        assertThat(ok(bureau.get("/api/sanctions"), 200).getJsonArray("sanctions").stream()
                        .map(JsonObject.class::cast)
                        .filter(s -> s.getLong("institutionId") == newId))
                .singleElement()
                .satisfies(s -> assertThat(s.getString("reason")).isEqualTo("培训学时造假"));

        // The session is held and published: 张伟 passes, 李娜 does not. The year's assessment shows a 50 % pass
        // rate for the school and the new institution's sanction.
        InstitutionFixture.runToPublished(room, sessionId, List.of(zhang, li), List.of(zhang));
        int year = LocalDate.now().getYear();
        browser.type(By.id("assessment-year"), String.valueOf(year));
        driver.findElement(By.cssSelector("#assessment-form button[type=submit]"))
                .click();
        wait.until(d -> chartRow(d, "chart-pass", schoolName + ": 50"));
        wait.until(d -> chartRow(d, "chart-retake", schoolName + ": 0"));
        wait.until(d -> chartRow(d, "chart-incidents", name + ": 1 / 1"));
        // The bars are drawn in the chart colours, not the browser's default black.
        assertThat(driver.findElement(By.cssSelector("#chart-pass svg .bar.total"))
                        .getCssValue("fill"))
                .isEqualTo("rgb(185, 205, 226)");
        JsonObject assessed = ok(bureau.get("/api/assessment?year=" + year), 200).getJsonArray("institutions").stream()
                .map(JsonObject.class::cast)
                .filter(i -> i.getLong("institutionId") == school.id())
                .findFirst()
                .orElseThrow();
        assertThat(assessed.getDouble("passRate")).isEqualTo(0.5);
        assertThat(assessed.getLong("examined")).isEqualTo(2L);
        ((JavascriptExecutor) driver)
                .executeScript("document.getElementById('assessment-heading').scrollIntoView({block: 'start'});");
        browser.screenshot("institutions-assessment.png");

        // English on request, the top bar included.
        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Training institutions and exam applications"));
        assertThat(browser.text(By.id("user-role"))).isEqualTo("Bureau administrator");
        assertThat(reviewRow(rejectedId).getText()).contains("Rejected");
        driver.findElement(By.id("lang-zh")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "培训机构与考试申请"));
    }

    private static JsonObject institution(ApiClient bureau, long id) {
        return ok(bureau.get("/api/institutions/" + id), 200);
    }

    private WebElement reviewRow(long applicationId) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#review-rows tr[data-application='" + applicationId + "']")));
    }

    private void awaitStatus(long applicationId, String status) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#review-rows tr[data-application='" + applicationId + "'][data-status='" + status + "']")));
    }

    private static WebElement button(WebElement row, String text) {
        return row.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button " + text + " in: " + row.getText()));
    }

    /** Whether a chart has a row for this label and value (each row's title reads "label: value"). */
    private static boolean chartRow(WebDriver driver, String chartId, String title) {
        return driver.findElements(By.cssSelector("#" + chartId + " svg g.row > title")).stream()
                .anyMatch(t -> title.equals(t.getDomProperty("textContent")));
    }
}
