package org.examhall.tools.province;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.examhall.tools.testing.ProvinceFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The province page in Chinese, opened in a browser set to New York and American English: the
 * delivery queue shows each package's session start and delivery time in site time
 * (Asia/Shanghai) in the one format, with no AM/PM and no English month names.
 */
class ProvincePageTimeBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String PASSWORD = "Browser-Province-Passw0rd!";
    private static final ZoneId SITE = ZoneId.of("Asia/Shanghai");

    @AutoClose
    private static final ProvinceFixture fixture = ProvinceFixture.start(2000);

    @AutoClose
    private final Browser browser = Browser.open(1400, 1000);

    private final ChromeDriver driver = browser.driver();
    private final WebDriverWait wait = browser.waitUpTo(TIMEOUT);

    @Test
    void theQueueShowsSessionAndDeliveryTimesInSiteTimeOnAChinesePage() {
        ProvinceFixture.Published published = fixture.answeredSession(true);
        ExamRoom room = published.session().room;
        long sessionId = published.session().id;
        Instant startsAt = Instant.parse(
                ExamRoom.ok(room.admin.get("/api/sessions/" + sessionId), 200).getString("startsAt"));
        JsonObject delivered = ExamRoom.ok(room.admin.get("/api/province/outbox?sessionId=" + sessionId), 200)
                .getJsonArray("items")
                .getJsonObject(0);
        Instant deliveredAt = Instant.parse(delivered.getString("deliveredAt"));

        browser.emulateZoneAndLocale("America/New_York", "en-US");
        StaffProvisioning.Created admin =
                fixture.server.createStaff(TestServer.uniqueName("tz-province"), PASSWORD, Role.BUREAU_ADMIN);
        browser.signIn(
                fixture.server.baseUrl(), admin.username(), PASSWORD, Totp.codeAt(admin.totpSecret(), Instant.now()));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("role-home")));
        driver.get(fixture.server.baseUrl() + "/province.html");

        String start =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SITE).format(startsAt);
        String delivery = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(SITE)
                .format(deliveredAt);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("items"), "#" + sessionId + " " + start));
        assertThat(browser.text(By.id("items"))).contains(delivery);
        assertThat(browser.text(By.id("updated"))).matches("更新于 \\d{2}:\\d{2}:\\d{2}");
        String page = browser.text(By.id("province-app"));
        assertThat(page)
                .doesNotContainPattern("\\b(AM|PM|am|pm)\\b")
                .doesNotContainPattern("\\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\b");
        browser.screenshot("province-site-time.png");
    }
}
