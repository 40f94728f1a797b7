package org.examhall.server.institutions;

import io.vertx.core.json.JsonObject;
import org.examhall.server.crypto.Sm3;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.Browser;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

/**
 * institution.html in Debian's headless Chromium: the institution's contact signs in and follows the
 * home page link; registers a trainee with a photo, opens a class and records attendance; creates an
 * application for a class, uploads a PDF proof through the file input and submits. The server then
 * holds what the page showed (the proof with the file's hash).
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
    wait.until(d -> d.findElements(By.cssSelector("#application-class option[value='" + classId + "']")).size() == 1);
    assertThat(browser.text(By.id("applications-heading"))).isEqualTo("考试申请");
    assertThat(browser.text(By.id("trainee-rows"))).contains("韩梅");
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

  @Test
  void anInstitutionRegistersATraineeWithAPhotoOpensAClassAndRecordsAttendance() {
    InstitutionFixture.Institution school = InstitutionFixture.institution(InstitutionFixture.bureau());
    String idNumber = ExamRoom.newIdNumber();
    Path photo = browser.file("lilei.jpg", Photos.person(30_001, 0));

    openOwnPage(school);
    wait.until(d -> d.findElements(By.cssSelector("#class-item option[value='" + InstitutionFixture.ITEM + "']")).size() == 1);

    // A trainee with the photo the check-in desk will compare faces against; the page shows the ID number masked.
    browser.type(By.id("trainee-name"), "李雷");
    browser.type(By.id("trainee-id"), idNumber);
    browser.type(By.id("trainee-employer"), "平阳某化工厂");
    driver.findElement(By.id("trainee-photo")).sendKeys(photo.toAbsolutePath().toString());
    driver.findElement(By.cssSelector("#trainee-form button[type=submit]")).click();
    wait.until(d -> d.findElement(By.id("trainee-rows")).getText().contains("李雷"));
    JsonObject trainee = ok(school.contact().get("/api/trainees"), 200).getJsonArray("trainees").stream()
        .map(JsonObject.class::cast).filter(t -> "李雷".equals(t.getString("fullName"))).findFirst().orElseThrow();
    assertThat(trainee.getBoolean("photo")).isTrue();
    assertThat(trainee.getString("employer")).isEqualTo("平阳某化工厂");
    assertThat(browser.text(By.id("trainee-rows")))
        .contains(trainee.getString("idNumberMasked")).doesNotContain(idNumber);
    // The stored trainee's full ID number does not stay in the form on a shared screen.
    assertThat(driver.findElement(By.id("trainee-id")).getDomProperty("value")).isEmpty();

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

    new Select(driver.findElement(By.id("member-class"))).selectByVisibleText(className + "（" + InstitutionFixture.ITEM + "）");
    new Select(driver.findElement(By.id("member-trainee"))).selectByValue(String.valueOf(trainee.getLong("id")));
    browser.setValue(By.id("member-day"), start.toString());
    browser.type(By.id("member-hours"), "7.5");
    driver.findElement(By.cssSelector("#member-form button[type=submit]")).click();
    wait.until(d -> d.findElement(By.id("class-rows")).getText().contains("李雷 7.5"));
    browser.screenshot("institution-class.png");

    JsonObject opened = ok(school.contact().get("/api/classes"), 200).getJsonArray("classes").stream()
        .map(JsonObject.class::cast).filter(c -> className.equals(c.getString("name"))).findFirst().orElseThrow();
    assertThat(opened.getString("startsOn")).isEqualTo(start.toString());
    assertThat(opened.getString("endsOn")).isEqualTo(start.plusDays(2).toString());
    assertThat(opened.getDouble("requiredHours")).isEqualTo(16.0);
    JsonObject member = ok(school.contact().get("/api/classes/" + opened.getLong("id")), 200).getJsonArray("members")
        .getJsonObject(0);
    assertThat(member.getLong("id")).isEqualTo(trainee.getLong("id"));
    assertThat(member.getDouble("hours")).isEqualTo(7.5);
  }

  /** Signs in as the institution's contact and follows the home page's link to the institution's page. */
  private void openOwnPage(InstitutionFixture.Institution school) {
    browser.signIn(InstitutionFixture.node().baseUrl(), school.username(), InstitutionFixture.PASSWORD, null);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("link-institution"))).click();
    wait.until(ExpectedConditions.urlContains("/institution.html"));
  }
}
