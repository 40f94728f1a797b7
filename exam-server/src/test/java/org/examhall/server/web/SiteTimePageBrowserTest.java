package org.examhall.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.Browser;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A proctor's and a bureau administrator's browser set to New York and American English still
 * shows and reads the exam site's time (Asia/Shanghai, the test server's default) in the one
 * format, 2026-12-21 02:30: the console's session list, the sessions page, and the start typed
 * into the scheduling form. Uses /usr/bin/chromium and /usr/bin/chromedriver only.
 */
class SiteTimePageBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String PASSWORD = "Browser-SiteTime-Passw0rd!";
    private static final String BLUEPRINT = "DEMO-ELEC-LV";
    private static final ZoneId SITE = ZoneId.of("Asia/Shanghai");
    private static final String BROWSER_ZONE = "America/New_York";
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** 02:30 on the 21st in Shanghai; 13:30 on the 20th in New York. */
    private static final Instant STARTS = Instant.parse("2026-12-20T18:30:00Z");

    private final TestServer server = TestServer.shared();
    private final String baseUrl = server.baseUrl();

    @AutoClose
    private final Browser browser = Browser.open(1400, 1000);

    private final ChromeDriver driver = browser.driver();
    private final WebDriverWait wait = browser.waitUpTo(TIMEOUT);

    @Test
    void theConsoleShowsASessionStartInSiteTimeWhateverTheBrowsersZone() {
        ExamRoom room = ExamRoom.create(server, 25);
        StaffProvisioning.Created proctor = staff("tz-proctor", Role.PROCTOR);
        StaffProvisioning.Created other = staff("tz-proctor", Role.PROCTOR);
        long sessionId = ok(
                        room.admin.post(
                                "/api/sessions",
                                new JsonObject()
                                        .put("roomId", room.roomId)
                                        .put("blueprintId", BLUEPRINT)
                                        .put("title", "时区测试")
                                        .put("startsAt", STARTS.toString())
                                        .put(
                                                "proctorIds",
                                                new JsonArray()
                                                        .add(proctor.id())
                                                        .add(other.id()))),
                        201)
                .getLong("id");

        browser.emulateZoneAndLocale(BROWSER_ZONE, "en-US");
        signIn(proctor);
        assertThat(driver.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone"))
                .isEqualTo(BROWSER_ZONE);
        driver.get(baseUrl + "/console.html?session=" + sessionId);
        By option = By.cssSelector("#session-select option[value='" + sessionId + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(option));

        String label =
                browser.waitUpTo(TIMEOUT).until(d -> d.findElement(option).getText());
        assertThat(label)
                .contains("2026-12-21 02:30")
                .doesNotContain("2026-12-20")
                .doesNotContain("13:30");
        assertThat(label).doesNotContainPattern("\\b(AM|PM)\\b");
    }

    @Test
    void theSessionsPageReadsATypedStartAsSiteTimeAndShowsItBackTheSame() {
        ExamRoom room = ExamRoom.create(server, 25);
        StaffProvisioning.Created admin = staff("tz-bureau", Role.BUREAU_ADMIN);
        StaffProvisioning.Created p1 = staff("tz-proctor", Role.PROCTOR);
        StaffProvisioning.Created p2 = staff("tz-proctor", Role.PROCTOR);

        browser.emulateZoneAndLocale(BROWSER_ZONE, "en-US");
        signIn(admin);
        driver.get(baseUrl + "/sessions.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions-app")));
        assertThat(browser.text(By.id("schedule-zone"))).contains("Asia/Shanghai");
        // The default start is 09:00 tomorrow at the site.
        assertThat(driver.findElement(By.id("schedule-start")).getDomProperty("value"))
                .isEqualTo(tomorrowAtSite() + "T09:00");
        new Select(driver.findElement(By.id("schedule-room"))).selectByValue(String.valueOf(room.roomId));
        wait.until(d -> new Select(d.findElement(By.id("schedule-blueprint")))
                .getOptions().stream().anyMatch(o -> BLUEPRINT.equals(o.getDomAttribute("value"))));
        new Select(driver.findElement(By.id("schedule-blueprint"))).selectByValue(BLUEPRINT);
        browser.setValue(By.id("schedule-start"), "2026-12-21T02:30");
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#schedule-proctors input[value='" + p1.id() + "']")))
                .click();
        driver.findElement(By.cssSelector("#schedule-proctors input[value='" + p2.id() + "']"))
                .click();
        driver.findElement(By.id("schedule-submit")).click();

        WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("session-detail")));
        long sessionId = Long.parseLong(detail.getDomAttribute("data-session-id"));
        JsonObject session = ok(room.admin.get("/api/sessions/" + sessionId), 200);
        assertThat(Instant.parse(session.getString("startsAt"))).isEqualTo(STARTS);
        assertThat(browser.text(By.cssSelector("#detail-facts [data-fact='start']")))
                .isEqualTo("2026-12-21 02:30");
        assertThat(browser.text(By.cssSelector("#session-list tr[data-session-id='" + sessionId + "']")))
                .contains("2026-12-21 02:30")
                .contains("低压电工作业");
        // The operation item by its name, its code in small print.
        assertThat(browser.text(By.cssSelector("#detail-facts [data-fact='blueprint']")))
                .contains("低压电工作业")
                .contains("ELEC-LV");

        // In English the same digits, and what the page puts together has English punctuation.
        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("schedule-zone"), "Site time"));
        assertThat(browser.text(By.cssSelector("#detail-facts [data-fact='start']")))
                .isEqualTo("2026-12-21 02:30");
        assertThat(browser.text(By.cssSelector("#detail-facts [data-fact='proctors']")))
                .contains(", ");
        // (Blueprint titles are data and keep their own punctuation.)
        assertThat(browser.text(By.id("detail-facts"))).doesNotContainPattern("[，：。（）、；]");
        assertThat(driver.findElement(By.cssSelector("#schedule-blueprint option[value='" + BLUEPRINT + "']"))
                        .getText())
                .endsWith(" (" + BLUEPRINT + ") · 60 minutes");
    }

    /** Tomorrow's date at the site, which the form's default start uses. */
    private static String tomorrowAtSite() {
        return MINUTES.withZone(SITE)
                .format(Instant.now().plus(Duration.ofDays(1)))
                .substring(0, 10);
    }

    private StaffProvisioning.Created staff(String name, Role role) {
        return server.createStaff(TestServer.uniqueName(name), PASSWORD, role);
    }

    private void signIn(StaffProvisioning.Created account) {
        browser.signIn(baseUrl, account.username(), PASSWORD, Totp.codeAt(account.totpSecret(), Instant.now()));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("role-home")));
    }
}
