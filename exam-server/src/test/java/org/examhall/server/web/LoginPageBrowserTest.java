package org.examhall.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.http.Role;
import org.examhall.server.testing.Browser;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the staff login page and the role home page in Debian's headless Chromium against the
 * shared test server. Uses /usr/bin/chromium and /usr/bin/chromedriver only: nothing is downloaded.
 */
class LoginPageBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PASSWORD = "Browser-Test-Passw0rd!";

    private final String baseUrl = TestServer.shared().baseUrl();

    @AutoClose
    private final Browser browser = Browser.open(1280, 900);

    private final WebDriver driver = browser.driver();
    private final WebDriverWait wait = browser.waitUpTo(TIMEOUT);

    @Test
    void loginPageIsChineseByDefaultAndSwitchesToEnglish() {
        driver.get(baseUrl + "/");

        wait.until(ExpectedConditions.titleContains("登录"));
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("zh-CN");
        WebElement usernameLabel = driver.findElement(By.cssSelector("label[for=username]"));
        assertThat(usernameLabel.getText()).isEqualTo("用户名");
        assertThat(browser.text(By.id("totp-hint"))).contains("管理员和监考员需要动态验证码");
        assertThat(browser.text(By.id("login-button"))).isEqualTo("登录");
        browser.screenshot("index-zh.png");

        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("label[for=username]"), "Username"));
        assertThat(driver.getTitle()).contains("Staff sign-in");
        assertThat(browser.text(By.id("login-button"))).isEqualTo("Sign in");

        // The choice is remembered across page loads.
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("label[for=username]"), "Username"));

        driver.findElement(By.id("lang-zh")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("label[for=username]"), "用户名"));
        wait.until(ExpectedConditions.titleContains("登录"));

        // ?lang=en overrides the remembered choice.
        driver.get(baseUrl + "/index.html?lang=en");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("label[for=username]"), "Username"));
    }

    @Test
    void auditorLandsOnHomeAndVerifiesTheAuditChain() {
        String username = uniqueUsername("auditor");
        TestServer.shared().createStaff(username, PASSWORD, Role.AUDITOR);

        browser.signIn(baseUrl, username, PASSWORD, null);
        WebElement roleHome = awaitRoleHome();
        assertThat(roleHome.getDomAttribute("data-role")).isEqualTo("AUDITOR");
        assertThat(browser.text(By.id("role-heading"))).isEqualTo("审计日志核验");
        assertThat(browser.text(By.id("user-role"))).isEqualTo("审计员");
        assertThat(driver.findElement(By.id("logout-button")).isDisplayed()).isTrue();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("verify-audit")))
                .click();
        WebElement result = driver.findElement(By.id("audit-result"));
        wait.until(d -> !result.getText().isBlank()
                && d.findElement(By.id("verify-audit")).isEnabled());
        assertThat(result.getText())
                .satisfiesAnyOf(
                        text -> assertThat(text).contains("true"),
                        text -> assertThat(text).contains("审计链完整"));
        browser.screenshot("home-auditor.png");
    }

    @Test
    void wrongPasswordShowsTheServerErrorInChineseAndStaysOnTheLoginPage() {
        String username = uniqueUsername("inst");
        TestServer.shared().createStaff(username, PASSWORD, Role.INSTITUTION);

        browser.signIn(baseUrl, username, PASSWORD + "-wrong", null);

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        wait.until(d -> !error.getText().isBlank());
        assertThat(error.getText()).containsPattern("\\p{IsHan}");
        assertThat(driver.getCurrentUrl()).doesNotContain("/home.html");
        assertThat(driver.findElement(By.id("login-button")).isEnabled()).isTrue();
    }

    @Test
    void bureauAdminLogsInWithTotpAndLogsOut() {
        String username = uniqueUsername("admin");
        var staff = TestServer.shared().createStaff(username, PASSWORD, Role.BUREAU_ADMIN);
        assertThat(staff.totpSecret())
                .as("a bureau administrator has a TOTP secret")
                .isNotBlank();

        browser.signIn(baseUrl, username, PASSWORD, Totp.codeAt(staff.totpSecret(), Instant.now()));
        WebElement roleHome = awaitRoleHome();
        assertThat(roleHome.getDomAttribute("data-role")).isEqualTo("BUREAU_ADMIN");
        assertThat(browser.text(By.id("role-heading"))).contains("题库");
        assertThat(driver.findElement(By.id("verify-audit")).isDisplayed()).isFalse();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("logout-button")))
                .click();
        wait.until(ExpectedConditions.urlContains("/index.html"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-button")));

        // The session is gone on the server: the home page sends us back to the login page.
        driver.get(baseUrl + "/home.html");
        wait.until(ExpectedConditions.urlContains("/index.html"));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-button")))
                        .isDisplayed())
                .isTrue();
    }

    /** Waits for the home page after a login; on timeout, says what the login page showed instead. */
    private WebElement awaitRoleHome() {
        try {
            wait.until(ExpectedConditions.urlContains("/home.html"));
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("role-home")));
        } catch (TimeoutException e) {
            String shown = Stream.of("login-error", "page-error")
                    .flatMap(id -> driver.findElements(By.id(id)).stream())
                    .map(WebElement::getText)
                    .filter(text -> !text.isBlank())
                    .findFirst()
                    .orElse("(no error shown)");
            throw new AssertionError(
                    "did not reach the role home page; at " + driver.getCurrentUrl() + " the page shows: " + shown, e);
        }
    }

    /** Usernames must match ^[a-z0-9._-]{3,64}$ and be unique across the shared server's tests. */
    private static String uniqueUsername(String prefix) {
        return (prefix + "-web-" + UUID.randomUUID().toString().substring(0, 12)).toLowerCase(Locale.ROOT);
    }
}
