package org.examhall.server.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One Debian headless Chromium, driven through Debian's ChromeDriver, with a fresh profile of its
 * own (as a separate machine, or a restarted kiosk, would have). Uses /usr/bin/chromium and
 * /usr/bin/chromedriver only: nothing is downloaded. Screenshots go to target/screenshots and stay
 * there for a person to look at; files made for upload and the profile are removed on close.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration SIGN_IN_FORM = Duration.ofSeconds(15);

    // Selenium warns on every start that it ships no CDP bindings for this Chromium version; the raw
    // executeCdpCommand some tests use goes through ChromeDriver and needs none.
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        CDP_LOG.setLevel(Level.SEVERE);
    }

    private final Path profile;
    private final Path files;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(Path profile, Path files, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.files = files;
        this.service = service;
        this.driver = driver;
    }

    /** A browser whose window is this size. */
    public static Browser open(int width, int height) {
        return start(width, height, List.of());
    }

    /** A browser whose getUserMedia gets Chromium's generated test picture, without a permission prompt. */
    public static Browser openWithFakeCamera(int width, int height) {
        return start(width, height, List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"));
    }

    private static Browser start(int width, int height, List<String> extraFlags) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Browser tests need Debian's Chromium and ChromeDriver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ", which are missing. Run .ci/run from the repository root (it installs them), or: "
                    + "apt-get install chromium chromium-driver");
        }
        Path profile = null;
        Path files = null;
        ChromeDriverService service = null;
        try {
            profile = Files.createTempDirectory("examhall-chromium-");
            files = Files.createTempDirectory("examhall-browser-files-");
            // Chromium runs as root here: no sandbox, and nothing that reaches out to the network by itself.
            List<String> flags = new ArrayList<>(List.of(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=" + width + "," + height,
                    "--user-data-dir=" + profile.toAbsolutePath()));
            flags.addAll(extraFlags);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(flags);
            service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                    .usingAnyFreePort()
                    .build();
            return new Browser(profile, files, service, new ChromeDriver(service, options));
        } catch (IOException | RuntimeException e) {
            if (service != null) {
                service.stop();
            }
            deleteQuietly(profile, e);
            deleteQuietly(files, e);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * The text of an element, read again if the page drew the element anew while it was being read (the
     * pages redraw live parts in place: a clock every second, a pushed change at any time).
     */
    public String text(By locator) {
        return waitUpTo(Duration.ofSeconds(10))
                .until(d -> d.findElement(locator).getText());
    }

    /**
     * A wait that looks again when the page re-rendered the element it was reading, or navigated
     * while it was looking (a sign-in moving on to the home page answers "aborted by navigation");
     * a lasting failure still ends the wait, as the cause of its timeout.
     */
    public WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(WebDriverException.class);
        return wait;
    }

    /** Fills the staff sign-in form at baseUrl and presses the button; totp may be null. */
    public void signIn(String baseUrl, String username, String password, String totp) {
        driver.get(baseUrl + "/");
        waitUpTo(SIGN_IN_FORM)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        if (totp != null) {
            driver.findElement(By.id("totp")).sendKeys(totp);
        }
        driver.findElement(By.id("login-button")).click();
    }

    /**
     * Makes the page see another time zone and language, as a laptop set up elsewhere would
     * (DevTools emulation, kept across navigations in this tab).
     */
    public void emulateZoneAndLocale(String timeZone, String locale) {
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", timeZone));
        driver.executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", locale));
    }

    /**
     * Answers the confirmation dialog (window.confirm) the page has just opened: accepts or dismisses
     * it, and returns the question it asked.
     */
    public String answerConfirm(boolean accept) {
        Alert dialog = waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        String question = dialog.getText();
        if (accept) {
            dialog.accept();
        } else {
            dialog.dismiss();
        }
        return question;
    }

    /** Clears a field and types into it. */
    public void type(By field, String text) {
        WebElement input = driver.findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Sets a field's value as a picker would. For date inputs: typed keys follow the browser's locale
     * format, the value does not.
     */
    public void setValue(By field, String value) {
        driver.executeScript("arguments[0].value = arguments[1];", driver.findElement(field), value);
    }

    /** A file to give a file input; it is removed with the browser. */
    public Path file(String name, byte[] content) {
        try {
            return Files.write(files.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the page shows as target/screenshots/NAME. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File png = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteRecursively(profile);
            deleteRecursively(files);
        }
    }

    private static void deleteQuietly(Path dir, Exception failure) {
        try {
            deleteRecursively(dir);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
