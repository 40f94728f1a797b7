package org.examhall.server.institutions;

import io.vertx.core.json.JsonObject;
import org.examhall.server.crypto.Sm3;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.Browser;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

/**
 * institution.html in Debian's headless Chromium: the institution's contact signs in, follows the
 * home page link, creates an application for a class, uploads a PDF proof through the file input and
 * submits; the server then holds it with the file's hash.
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
    String baseUrl = InstitutionFixture.node().baseUrl();

    browser.signIn(baseUrl, school.username(), InstitutionFixture.PASSWORD, null);
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
    browser.screenshot("institution-submitted.png");

    JsonObject stored = ok(bureau.get("/api/applications/" + applicationId), 200);
    assertThat(stored.getString("status")).isEqualTo("SUBMITTED");
    assertThat(stored.getJsonArray("proofs")).hasSize(1);
    JsonObject file = stored.getJsonArray("proofs").getJsonObject(0);
    assertThat(file.getString("mediaType")).isEqualTo("application/pdf");
    assertThat(file.getString("fileName")).isEqualTo(proof.getFileName().toString());
    assertThat(file.getString("sm3")).isEqualTo(Sm3.hex(InstitutionFixture.pdf()));
  }
}
