package org.examhall.server.institutions;

import io.vertx.core.json.JsonObject;
import org.examhall.server.crypto.Sm3;
import org.examhall.server.testing.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.examhall.server.testing.ExamRoom.ok;

/**
 * institution.html in Debian's headless Chromium (same setup as the login page test): the
 * institution's contact signs in, follows the home page link, creates an application for a class,
 * uploads a PDF proof through the file input and submits; the server then holds it with the file's hash.
 */
class InstitutionPageBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

  static {
    CDP_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  private Path profileDir;
  private ChromeDriverService service;
  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void startBrowser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("Browser tests need Debian's Chromium and ChromeDriver at " + CHROMIUM + " and " + CHROMEDRIVER
          + "; apt-get install chromium chromium-driver");
    }
    profileDir = Files.createTempDirectory("examhall-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,1400", "--user-data-dir=" + profileDir.toAbsolutePath());
    service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, TIMEOUT);
  }

  @AfterEach
  void stopBrowser() throws IOException {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (service != null) {
        service.stop();
      }
      if (profileDir != null && Files.exists(profileDir)) {
        try (Stream<Path> paths = Files.walk(profileDir)) {
          paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    }
  }

  @Test
  void anInstitutionSubmitsAnApplicationWithAProofFile() throws IOException {
    ApiClient bureau = InstitutionFixture.bureau();
    InstitutionFixture.Institution school = InstitutionFixture.institution(bureau);
    InstitutionFixture.Trainee trainee = InstitutionFixture.trainee(school.contact(), "韩梅");
    long classId = InstitutionFixture.trainedClass(school.contact(), Map.of(trainee, 40));
    Path proof = Files.createTempFile("shebao-", ".pdf");
    Files.write(proof, InstitutionFixture.pdf());
    String baseUrl = InstitutionFixture.node().baseUrl();

    driver.get(baseUrl + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(school.username());
    driver.findElement(By.id("password")).sendKeys(InstitutionFixture.PASSWORD);
    driver.findElement(By.id("login-button")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("link-institution"))).click();

    wait.until(ExpectedConditions.urlContains("/institution.html"));
    wait.until(d -> d.findElements(By.cssSelector("#application-class option[value='" + classId + "']")).size() == 1);
    assertThat(driver.findElement(By.id("applications-heading")).getText()).isEqualTo("考试申请");
    assertThat(driver.findElement(By.id("trainee-rows")).getText()).contains("韩梅");
    driver.findElement(By.id("create-application")).click();

    WebElement draft = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-status=DRAFT]")));
    long applicationId = Long.parseLong(draft.getDomAttribute("data-application"));
    draft.findElement(By.cssSelector(".proof-file")).sendKeys(proof.toAbsolutePath().toString());
    draft.findElement(By.cssSelector(".upload-proof")).click();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-application='" + applicationId + "'] .proof-count"), "1"));
    driver.findElement(By.cssSelector("tr[data-application='" + applicationId + "'] .submit-application")).click();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-application='" + applicationId + "'] .application-status"), "已提交"));
    screenshot("institution-submitted.png");
    Files.delete(proof);

    JsonObject stored = ok(bureau.get("/api/applications/" + applicationId), 200);
    assertThat(stored.getString("status")).isEqualTo("SUBMITTED");
    assertThat(stored.getJsonArray("proofs")).hasSize(1);
    JsonObject file = stored.getJsonArray("proofs").getJsonObject(0);
    assertThat(file.getString("mediaType")).isEqualTo("application/pdf");
    assertThat(file.getString("fileName")).isEqualTo(proof.getFileName().toString());
    assertThat(file.getString("sm3")).isEqualTo(Sm3.hex(InstitutionFixture.pdf()));
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
