package org.examhall.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.Browser;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Every page works under the Content-Security-Policy the server sends (no inline script or style):
 * Chromium reports each thing the policy blocks, and no page may have any.
 */
class ContentSecurityPolicyBrowserTest {

    private static final String PASSWORD = "Browser-Csp-Passw0rd!";

    private final TestServer server = TestServer.shared();

    @AutoClose
    private final Browser browser = Browser.open(1280, 900);

    @Test
    void noPageTripsThePolicy() {
        browser.driver()
                .executeCdpCommand(
                        "Page.addScriptToEvaluateOnNewDocument",
                        Map.of(
                                "source",
                                "window.__blocked = []; document.addEventListener('securitypolicyviolation',"
                                        + " e => window.__blocked.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"));
        List<String> blocked = new ArrayList<>(visit("/terminal.html"));
        StaffProvisioning.Created admin = server.createStaff(TestServer.uniqueName("csp"), PASSWORD, Role.BUREAU_ADMIN);
        browser.signIn(server.baseUrl(), admin.username(), PASSWORD, Totp.codeAt(admin.totpSecret(), Instant.now()));
        browser.waitUpTo(Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("role-home")));
        for (String page : List.of(
                "/home.html",
                "/sessions.html",
                "/bank.html",
                "/console.html",
                "/institutions.html",
                "/province.html",
                "/audit.html",
                "/institution.html")) {
            blocked.addAll(visit(page));
        }
        assertThat(blocked).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<String> visit(String page) {
        browser.driver().get(server.baseUrl() + page);
        browser.waitUpTo(Duration.ofSeconds(15))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState;")));
        // Modules fetch their data after the load; the pages have drawn it within a moment.
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> found =
                (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("return window.__blocked || [];");
        return found.stream().map(v -> page + ": " + v).toList();
    }
}
