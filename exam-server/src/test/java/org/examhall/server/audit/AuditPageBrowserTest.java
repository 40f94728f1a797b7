package org.examhall.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;
import static org.examhall.server.testing.TestServer.uniqueName;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.Browser;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * audit.html in Debian's headless Chromium: the auditor goes from the home page to the audit log,
 * sees the newest entries in a table, filters them by actor and action (a prefix too), is told in
 * their language when a filter is wrong, and runs the chain check.
 */
class AuditPageBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String PASSWORD = "audit-page-12345";

    private final TestServer server = TestServer.shared();

    @AutoClose
    private final Browser browser = Browser.open(1280, 1000);

    private final WebDriver driver = browser.driver();
    private final WebDriverWait wait = browser.waitUpTo(TIMEOUT);

    @Test
    void theAuditorFiltersEntriesByActionAndVerifiesTheChain() {
        // An administrator's changes: two sites and a room.
        StaffProvisioning.Created admin = server.createStaff(uniqueName("audited-admin"), PASSWORD, Role.BUREAU_ADMIN);
        ApiClient adminClient = server.client().signedIn(admin.username(), PASSWORD, admin.totpSecret());
        long site = ok(adminClient.post("/api/sites", new JsonObject().put("name", uniqueName("审计页面考点"))), 201)
                .getLong("id");
        ok(adminClient.post("/api/sites", new JsonObject().put("name", uniqueName("审计页面考点"))), 201);
        ok(adminClient.post("/api/sites/" + site + "/rooms", new JsonObject().put("name", "第一考场")), 201);

        StaffProvisioning.Created auditor = server.createStaff(uniqueName("page-auditor"), PASSWORD, Role.AUDITOR);
        browser.signIn(server.baseUrl(), auditor.username(), PASSWORD, null);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("link-audit"))).click();
        wait.until(ExpectedConditions.urlContains("/audit.html"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("审计日志");
        // The newest entries first, in a table (the auditor's own sign-in is among the latest).
        wait.until(
                d -> !d.findElements(By.cssSelector("#audit-rows tr[data-seq]")).isEmpty());
        List<Long> shown = driver.findElements(By.cssSelector("#audit-rows tr[data-seq]")).stream()
                .map(row -> Long.parseLong(row.getDomAttribute("data-seq")))
                .toList();
        assertThat(shown).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        // Filtered by the administrator and the action: exactly the two sites, newest first.
        browser.type(By.id("filter-actor"), admin.username());
        browser.type(By.id("filter-action"), "site.created");
        driver.findElement(By.cssSelector("#audit-filter button[type=submit]")).click();
        wait.until(d -> rows().size() == 2
                && rows().stream().allMatch(r -> "site.created".equals(r.getDomAttribute("data-action"))));
        assertThat(rows().get(0).getText())
                .contains("site.created")
                .contains(admin.username())
                .contains("考试机构管理员")
                .contains("site:");
        assertThat(browser.text(By.id("page-label"))).isEqualTo("第 1 页，本页 2 条");
        browser.screenshot("audit-filtered.png");

        // A prefix takes in the room as well.
        browser.type(By.id("filter-action"), "room.*");
        driver.findElement(By.cssSelector("#audit-filter button[type=submit]")).click();
        wait.until(
                d -> rows().size() == 1 && "room.created".equals(rows().get(0).getDomAttribute("data-action")));

        // A wrong filter is explained, in Chinese by default.
        browser.type(By.id("filter-action"), "*.created");
        driver.findElement(By.cssSelector("#audit-filter button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-error")));
        assertThat(browser.text(By.id("page-error"))).contains("审计日志查询条件无效").contains("action");

        // The chain check, on the same page.
        driver.findElement(By.id("verify-audit")).click();
        WebElement result = driver.findElement(By.id("audit-result"));
        wait.until(d -> result.getText().contains("审计链完整"));
        browser.screenshot("audit-page.png");

        // English on request.
        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Audit log"));
        assertThat(browser.text(By.id("page-error"))).contains("Invalid audit log query");
        assertThat(browser.text(By.id("audit-result"))).contains("Audit chain intact");
        driver.findElement(By.id("lang-zh")).click();
    }

    private List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#audit-rows tr[data-seq]"));
    }
}
