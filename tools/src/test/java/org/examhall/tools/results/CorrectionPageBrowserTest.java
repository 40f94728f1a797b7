package org.examhall.tools.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.Browser;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.examhall.tools.testing.ProvinceFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The bureau corrects a published result from the sessions page in headless Chromium: a reason is
 * required, the corrected version appears in the sitting's history, reaches the real simulator,
 * and the province page shows it as a version that supersedes the first.
 */
class CorrectionPageBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String PASSWORD = "Browser-Correct-Passw0rd!";

    @AutoClose
    private static final ProvinceFixture fixture = ProvinceFixture.start(2000);

    @AutoClose
    private final Browser browser = Browser.open(1400, 1000);

    private final ChromeDriver driver = browser.driver();
    private final WebDriverWait wait = browser.waitUpTo(TIMEOUT);

    @Test
    void theBureauCorrectsAPublishedResultWithAReasonAndSeesTheNewVersionDelivered() throws Exception {
        ProvinceFixture.Published published = fixture.answeredSession(true);
        long sittingId = published.answered().sittingId();
        JsonObject fix = ExamRoom.wrongKeyFix(published.session().room.admin, sittingId);
        String baseUrl = fixture.server.baseUrl();
        StaffProvisioning.Created admin = signedInBureauAdmin("web-correct");

        driver.get(baseUrl + "/sessions.html?session=" + published.session().id);
        WebElement results = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results-table")));
        By row = By.cssSelector("#results-table tr[data-sitting-id='" + sittingId + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "100"));
        results.findElement(row)
                .findElement(By.cssSelector("button.sheet-open"))
                .click();
        WebElement corrections = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("corrections")));
        wait.until(d -> corrections
                        .findElements(By.cssSelector("#corr-versions tbody tr"))
                        .size()
                == 1);
        assertThat(corrections
                        .findElement(By.cssSelector("#corr-versions tr[data-version='1']"))
                        .getText())
                .contains("首次发布")
                .contains("已送达");

        new Select(driver.findElement(By.id("corr-kind"))).selectByValue("RESCORE");
        new Select(driver.findElement(By.id("corr-question"))).selectByValue(fix.getString("questionId"));
        browser.type(By.id("corr-key"), fix.getString("key"));
        driver.findElement(By.id("corr-submit")).click();
        // no reason: refused, and nothing changed
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("corr-notice"), "reason"));
        assertThat(corrections.findElements(By.cssSelector("#corr-versions tbody tr")))
                .hasSize(1);

        browser.type(By.id("corr-reason"), "复核发现该题标准答案有误");
        driver.findElement(By.id("corr-submit")).click();
        wait.until(d -> corrections
                        .findElements(By.cssSelector("#corr-versions tbody tr"))
                        .size()
                == 2);
        wait.until(d -> "DELIVERED"
                .equals(corrections
                        .findElement(By.cssSelector("#corr-versions tr[data-version='2'] td.delivery"))
                        .getDomAttribute("data-status")));
        String shown = versionTwoScore(sittingId);
        assertThat(corrections
                        .findElement(By.cssSelector("#corr-versions tr[data-version='2']"))
                        .getText())
                .contains("复核发现该题标准答案有误")
                .contains("100 → " + shown)
                .contains(admin.username())
                .contains("已送达");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, shown));
        browser.screenshot("sessions-correction.png");

        driver.get(baseUrl + "/province.html");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("items"), "v2（更正，取代 v1）"));
        browser.screenshot("province-correction.png");
    }

    @Test
    void theBureauDryRunsAKeyCorrectionForTheWholeSessionAndThenAppliesIt() throws Exception {
        ProvinceFixture.Published published = fixture.answeredSession(true);
        long sessionId = published.session().id;
        long sittingId = published.answered().sittingId();
        JsonObject fix = ExamRoom.wrongKeyFix(published.session().room.admin, sittingId);
        String baseUrl = fixture.server.baseUrl();
        signedInBureauAdmin("web-keycorr");

        driver.get(baseUrl + "/sessions.html?session=" + sessionId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("keycorr-section")));
        By row = By.cssSelector("#results-table tr[data-sitting-id='" + sittingId + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "100"));
        browser.type(By.id("keycorr-question"), fix.getString("questionId"));
        browser.type(By.id("keycorr-key"), fix.getString("key"));
        browser.type(By.id("keycorr-reason"), "复核发现该题标准答案有误");
        assertThat(driver.findElement(By.id("keycorr-apply")).isEnabled()).isFalse();
        String before = fixture.snapshot(sessionId);
        driver.findElement(By.id("keycorr-dry")).click();
        By planned = By.cssSelector("#keycorr-summary tr[data-sitting-id='" + sittingId + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(planned));
        wait.until(ExpectedConditions.attributeToBe(planned, "data-group", "changed"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(planned, "将更正"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#keycorr-summary tr[data-sitting-id='"
                        + published.absent().sittingId() + "']"),
                "缺考"));
        assertThat(driver.findElement(By.id("keycorr-notice")).getText()).contains("尚未做任何更改");
        assertThat(fixture.snapshot(sessionId)).isEqualTo(before);

        wait.until(ExpectedConditions.elementToBeClickable(By.id("keycorr-apply")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("keycorr-notice"), "已更正 1 人"));
        // the summary is drawn again as the results reload: wait rather than read an element that may be replaced
        wait.until(ExpectedConditions.textToBePresentInElementLocated(planned, "v2"));
        ProvinceFixture.eventually(
                TIMEOUT,
                () -> fixture.simulator.packages().stream()
                        .map(p -> new JsonObject(p.getJsonObject("envelope").getString("package")))
                        .anyMatch(p -> p.getLong("sittingId") == sittingId && p.getInteger("version") == 2),
                "version 2 at the simulator");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, versionTwoScore(sittingId)));
        assertThat(driver.findElement(By.id("keycorr-apply")).isEnabled()).isFalse();
        browser.screenshot("sessions-key-correction.png");
    }

    /** The corrected score as the simulator received it in version 2, written as the page shows it. */
    private static String versionTwoScore(long sittingId) {
        double corrected = fixture.simulator.packages().stream()
                .map(p -> new JsonObject(p.getJsonObject("envelope").getString("package")))
                .filter(p -> p.getLong("sittingId") == sittingId && p.getInteger("version") == 2)
                .mapToDouble(p -> p.getDouble("score"))
                .boxed()
                .findFirst()
                .orElseThrow();
        assertThat(corrected).isLessThan(100.0);
        return new BigDecimal(corrected).stripTrailingZeros().toPlainString();
    }

    /** A new bureau admin, signed in with password and TOTP in the browser. */
    private StaffProvisioning.Created signedInBureauAdmin(String name) {
        StaffProvisioning.Created admin =
                fixture.server.createStaff(TestServer.uniqueName(name), PASSWORD, Role.BUREAU_ADMIN);
        browser.signIn(
                fixture.server.baseUrl(), admin.username(), PASSWORD, Totp.codeAt(admin.totpSecret(), Instant.now()));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("role-home")));
        return admin;
    }
}
