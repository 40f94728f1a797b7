package org.examhall.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.examhall.server.testing.Browser;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The terminal's protocol modules (answer state, autosave outbox and replies, clock, signal
 * throttle) tested in Chromium without the exam page: test/terminal-modules.html, served from the
 * test resources only, runs them and reports here.
 */
class TerminalModulesBrowserTest {

    private final TestServer server = TestServer.shared();

    @AutoClose
    private final Browser browser = Browser.open(1024, 768);

    @Test
    @SuppressWarnings("unchecked")
    void theProtocolModulesPassTheirTestsInTheBrowser() {
        browser.driver().get(server.baseUrl() + "/test/terminal-modules.html");
        Map<String, Object> outcome = (Map<String, Object>) browser.waitUpTo(Duration.ofSeconds(30))
                .until(d -> ((JavascriptExecutor) d).executeScript("return window.__moduleTests || null;"));
        assertThat((List<String>) outcome.get("failures")).isEmpty();
        assertThat(((Number) outcome.get("passed")).intValue()).isGreaterThanOrEqualTo(25);
    }
}
