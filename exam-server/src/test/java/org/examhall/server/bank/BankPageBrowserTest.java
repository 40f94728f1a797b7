package org.examhall.server.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.Browser;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The bureau's whole bank flow in Debian's headless Chromium at 1280×800: sign in, open the bank
 * from the home page, import a bad spreadsheet and read its errors, import a good one, review and
 * activate its questions, write a blueprint with the live feasibility check, preview a paper with
 * keys, and look at the statistics. Uses /usr/bin/chromium and /usr/bin/chromedriver only.
 */
class BankPageBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String PASSWORD = "Browser-Bank-Passw0rd!";

    private final String baseUrl = TestServer.shared().baseUrl();

    @AutoClose
    private final Browser browser = Browser.open(1280, 800);

    private final WebDriver driver = browser.driver();
    private final WebDriverWait wait = browser.waitUpTo(TIMEOUT);

    @Test
    void aBureauAdminImportsReviewsActivatesAndPreviewsAPaper() {
        // The fixture's own administrator makes the operation item; the browser signs in as another,
        // since a one-time code works only once.
        BankFixture setup = BankFixture.create();
        String username = TestServer.uniqueName("web-bank");
        StaffProvisioning.Created admin = TestServer.shared().createStaff(username, PASSWORD, Role.BUREAU_ADMIN);
        login(username, Totp.codeAt(admin.totpSecret(), Instant.now()));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("link-bank"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bank-app")));
        assertThat(driver.getTitle()).contains("题库");

        // A bad spreadsheet: every bad cell reported by row and column, nothing imported.
        List<List<String>> bad = new ArrayList<>(setup.goodRows(2, 0));
        bad.add(setup.row("单选题", "【" + setup.tag + "】答案不存在", List.of("甲", "乙"), "D", "安全用具", "3"));
        bad.add(setup.row("判断题", "【" + setup.tag + "】难度错误", List.of(), "正确", "安全用具", "九"));
        importFile(browser.file("bad.xlsx", BankFixture.xlsx(bad)));
        WebElement result = driver.findElement(By.id("import-result"));
        wait.until(d -> result.getText().contains("错误"));
        assertThat(result.getText()).contains("未导入任何试题");
        List<WebElement> problemRows = driver.findElements(By.cssSelector("#import-problems tr"));
        assertThat(problemRows).hasSize(2);
        assertThat(problemRows.get(0).getText()).contains("4").contains("I (答案)");
        assertThat(problemRows.get(1).getText()).contains("5").contains("K (难度)");
        browser.screenshot("bank-import-errors.png");

        // A good one: all questions in, as drafts.
        importFile(browser.file("good.xlsx", BankFixture.xlsx(setup.goodRows(8, 5))));
        wait.until(d -> result.getText().contains("导入成功"));
        assertThat(result.getText()).contains("13");
        assertThat(driver.findElement(By.id("import-problems-box")).isDisplayed())
                .isFalse();

        // Review and activate them from the question list.
        driver.findElement(By.id("import-show-questions")).click();
        wait.until(d -> d.findElements(By.cssSelector("#questions-body tr[data-status='DRAFT']"))
                        .size()
                == 13);
        bulk("bulk-review", "已审核");
        bulk("bulk-activate", "已启用");
        wait.until(d -> d.findElements(By.cssSelector("#questions-body tr[data-status='ACTIVE']"))
                        .size()
                == 13);
        browser.screenshot("bank-questions.png");

        // Editing an active question makes version 2, a draft; version 1 stays active.
        driver.findElements(By.cssSelector("#questions-body button.edit-question"))
                .get(0)
                .click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("question-dialog")));
        assertThat(browser.text(By.id("q-dialog-note"))).contains("第 2 版");
        type(By.id("q-stem"), "【" + setup.tag + "】编辑后的判断题");
        browser.screenshot("bank-edit.png");
        driver.findElement(By.id("q-save")).click();
        wait.until(ExpectedConditions.invisibilityOf(dialog));
        WebElement edited = wait.until(d -> d.findElements(By.cssSelector("#questions-body tr")).stream()
                .filter(r -> r.getText().contains("编辑后的判断题"))
                .findFirst()
                .orElse(null));
        assertThat(edited.getDomAttribute("data-status")).isEqualTo("DRAFT");
        assertThat(edited.getText()).contains("启用中：第 1 版");

        // A blueprint for the new item, checked live against the bank, then saved and previewed.
        driver.findElement(By.id("tab-blueprints")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("blueprint-new")))
                .click();
        // The editor may still be showing a blueprint loaded with the tab (read-only id) until "new" takes effect.
        wait.until(d -> "false".equals(d.findElement(By.id("bp-id")).getDomProperty("readOnly"))
                && d.findElement(By.id("bp-id")).getDomProperty("value").isEmpty());
        type(By.id("bp-id"), "WEB-" + setup.tag);
        type(By.id("bp-title"), "网页测试规则");
        new Select(driver.findElement(By.id("bp-category"))).selectByValue(setup.category);
        List<WebElement> counts = driver.findElements(By.cssSelector("#bp-sections .sec-count"));
        List<WebElement> points = driver.findElements(By.cssSelector("#bp-sections .sec-points"));
        type(counts.get(0), "50");
        WebElement badge = driver.findElement(By.id("feasibility-badge"));
        wait.until(d -> badge.getText().equals("无法组卷"));
        type(counts.get(0), "6");
        type(counts.get(1), "4");
        type(points.get(0), "10");
        type(points.get(1), "10");
        type(By.id("bp-total"), "100");
        type(By.id("bp-pass"), "80");
        wait.until(d -> badge.getText().equals("可以组卷"));
        driver.findElement(By.id("bp-save")).click();
        wait.until(d -> d.findElement(By.id("bp-message")).getText().contains("已保存"));
        wait.until(d -> d.findElement(By.id("blueprint-list")).getText().contains("WEB-" + setup.tag));

        driver.findElement(By.id("bp-preview")).click();
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
        wait.until(d -> preview.findElements(By.cssSelector("li.item")).size() == 10);
        for (WebElement item : preview.findElements(By.cssSelector("li.item"))) {
            assertThat(item.getDomAttribute("data-answer")).isNotBlank();
            assertThat(item.findElements(By.cssSelector(".options li.correct"))).isNotEmpty();
        }
        assertThat(preview.getText()).contains("答案：").contains("含答案");
        JavascriptExecutor script = (JavascriptExecutor) driver;
        script.executeScript("window.scrollTo({top: 0, behavior: 'instant'})");
        browser.screenshot("bank-blueprint.png");
        script.executeScript("window.scrollTo({top: document.getElementById('preview').getBoundingClientRect().top"
                + " + window.scrollY - 330, behavior: 'instant'})");
        browser.screenshot("bank.png");

        // Statistics: the charts of the new item.
        driver.findElement(By.id("tab-stats")).click();
        new Select(driver.findElement(By.id("stats-category"))).selectByValue(setup.category);
        wait.until(d -> d.findElement(By.id("stats-active")).getText().startsWith("13"));
        assertThat(driver.findElements(By.cssSelector("#chart-kp svg rect.bar.active")))
                .isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#chart-difficulty svg g.row")))
                .hasSize(5);
        browser.screenshot("bank-stats.png");

        // English on request.
        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.id("tab-stats"), "Statistics"));
        driver.findElement(By.id("lang-zh")).click();
        wait.until(ExpectedConditions.textToBe(By.id("tab-stats"), "题库统计"));
    }

    @Test
    void aCirculatingBankShowsItsMappingPreviewAndSkippedTwinBeforeItIsImported() {
        BankFixture setup = BankFixture.create();
        String username = TestServer.uniqueName("web-bank-preview");
        StaffProvisioning.Created admin = TestServer.shared().createStaff(username, PASSWORD, Role.BUREAU_ADMIN);
        login(username, Totp.codeAt(admin.totpSecret(), Instant.now()));
        driver.get(baseUrl + "/bank.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bank-app")));

        // The .xls as found: options in one column, no difficulty, category or knowledge points, one twin.
        String t = "【" + setup.tag + "】";
        byte[] xls = BankImportLayoutsTest.xls(List.of(
                List.of("题型", "题目", "选项", "答案"),
                List.of("判断题", t + "安全电压的最高等级是42V。", "", "√"),
                List.of("单选题", t + "试电笔不可用来（ ）。", "A.判断有电无电\nB.区分相线和中性线\nC.判断电压高低", "C"),
                List.of("单选题", t + "试电笔不可用来（ ）。", "A.判断交流直流\nB.读取电阻数值\nC.判断有电无电", "B"),
                List.of("判断题", t + "安全电压的最高等级是 42V 。", "", "对")));
        driver.findElement(By.id("tab-import")).click();
        wait.until(d -> new Select(d.findElement(By.id("default-category")))
                .getOptions().stream().anyMatch(o -> setup.category.equals(o.getAttribute("value"))));
        new Select(driver.findElement(By.id("default-category"))).selectByValue(setup.category);
        type(By.id("default-difficulty"), "3");
        type(By.id("default-points"), "低压电工");
        assertThat(driver.findElement(By.id("import-skip-duplicates")).isSelected())
                .isTrue();
        driver.findElement(By.id("import-dry-run")).click();

        importFile(browser.file("低压电工.xls", xls));

        WebElement result = driver.findElement(By.id("import-result"));
        wait.until(d -> result.getText().contains("预检通过"));
        assertThat(result.getText()).contains("3").contains("1 道完全重复");
        assertThat(browser.text(By.id("import-layout"))).contains(".xls 表格，选项写在同一列");
        List<WebElement> preview = driver.findElements(By.cssSelector("#import-preview tr"));
        assertThat(preview).hasSize(3);
        assertThat(preview.get(1).getText())
                .contains("单选题")
                .contains("A. 判断有电无电")
                .contains("C")
                .contains("低压电工")
                .contains(setup.category);
        assertThat(driver.findElements(By.cssSelector("#import-warnings tr")))
                .singleElement()
                .satisfies(row -> assertThat(row.getText()).contains("5").contains("与第 2 行完全重复"));
        browser.screenshot("bank-import-preview.png");

        driver.findElement(By.id("import-dry-run")).click();
        importFile(browser.file("低压电工.xls", xls));
        wait.until(d -> result.getText().contains("导入成功"));
        assertThat(result.getText()).contains("3 道试题");
    }

    @Test
    void theItemMapShowsEveryScoredQuestionAndItsOptionBars() {
        ScoredSession scored = new ScoredSession(TestServer.shared(), 2);
        scored.answerAndHandIn(0, "A");
        scored.answerAndHandIn(1, "B");
        String username = TestServer.uniqueName("web-bank-analysis");
        StaffProvisioning.Created admin = TestServer.shared().createStaff(username, PASSWORD, Role.BUREAU_ADMIN);
        login(username, Totp.codeAt(admin.totpSecret(), Instant.now()));
        driver.get(baseUrl + "/bank.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bank-app")));

        driver.findElement(By.id("tab-stats")).click();
        wait.until(d -> new Select(d.findElement(By.id("stats-category")))
                .getOptions().stream().anyMatch(o -> "ELEC-LV".equals(o.getAttribute("value"))));
        new Select(driver.findElement(By.id("stats-category"))).selectByValue("ELEC-LV");
        wait.until(d ->
                !d.findElements(By.cssSelector("#chart-item-map circle.point")).isEmpty()
                        && driver.findElement(By.id("analysis-export"))
                                .getAttribute("href")
                                .endsWith("category=ELEC-LV"));
        List<WebElement> points = driver.findElements(By.cssSelector("#chart-item-map circle.point"));
        assertThat(points.size()).isGreaterThanOrEqualTo(5);
        assertThat(browser.text(By.id("analysis-sittings"))).isNotBlank();

        // The map of the category shown before may still be replaced by the chosen one's: click the last point as drawn
        // then.
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> drawn = d.findElements(By.cssSelector("#chart-item-map circle.point"));
            drawn.get(drawn.size() - 1).click();
            return true;
        });
        wait.until(d -> d.findElements(By.cssSelector("#chart-item-map circle.selected"))
                                .size()
                        == 1
                && !d.findElements(By.cssSelector("#chart-options svg g.row")).isEmpty());
        assertThat(browser.text(By.id("analysis-selected"))).contains("p = ").contains("ELEC-LV");
        assertThat(driver.findElements(By.cssSelector("#analysis-sessions tr"))).isNotEmpty();
        browser.screenshot("bank-item-analysis.png");
    }

    private void importFile(Path file) {
        driver.findElement(By.id("tab-import")).click();
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-file")));
        input.sendKeys(file.toAbsolutePath().toString());
        WebElement start = driver.findElement(By.id("import-start"));
        wait.until(ExpectedConditions.elementToBeClickable(start)).click();
        wait.until(
                d -> start.isEnabled() && !browser.text(By.id("import-result")).isBlank());
    }

    private void bulk(String buttonId, String statusName) {
        WebElement all = driver.findElement(By.id("select-all"));
        if (!all.isSelected()) {
            all.click();
        }
        driver.findElement(By.id(buttonId)).click();
        wait.until(d -> d.findElement(By.id("questions-message")).getText().contains(statusName));
    }

    private void type(By locator, String text) {
        type(driver.findElement(locator), text);
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private void login(String username, String totp) {
        browser.signIn(baseUrl, username, PASSWORD, totp);
        wait.until(ExpectedConditions.urlContains("/home.html"));
    }
}
