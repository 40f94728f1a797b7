package org.examhall.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;
import static org.examhall.server.testing.ExamRoom.step;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.exam.TerminalRoutes;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.Browser;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The proctor console and the bureau's sessions page in Debian's headless Chromium, against the
 * shared test server: the room grid follows check-in, answers, kiosk signals and proctor actions
 * live (pushed over the WebSocket); the check-in desk compares a snapshot of Chromium's fake camera
 * with the enrolled photo (a mismatch, shown with its score) and admits a doubtful candidate with a
 * second proctor; the bureau sets up a room, schedules a session, adds candidates and reads results.
 * Uses /usr/bin/chromium and /usr/bin/chromedriver only: nothing is downloaded.
 */
class ConsolePageBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** A pushed change must show well before the console's fallback re-read of the grid. */
    private static final Duration PUSHED = Duration.ofSeconds(5);

    private static final String PASSWORD = "Browser-Console-Passw0rd!";
    private static final String BLUEPRINT = "DEMO-ELEC-LV";

    private final TestServer server = TestServer.shared();
    private final String baseUrl = server.baseUrl();

    // The check-in desk photographs the candidate through getUserMedia.
    @AutoClose
    private final Browser browser = Browser.openWithFakeCamera(1400, 1000);

    private final ChromeDriver driver = browser.driver();
    private final WebDriverWait wait = browser.waitUpTo(TIMEOUT);

    /** A staff account made for one test, with what it takes to sign in (a TOTP code works once). */
    private record Account(long id, String username, String totpSecret) {
        static Account of(StaffProvisioning.Created created) {
            return new Account(created.id(), created.username(), created.totpSecret());
        }
    }

    @Test
    void theRoomCameraAndItsAnomaliesAreInTheConsoleAndAProctorDecides() {
        ExamRoom room = ExamRoom.create(server, 25);
        Account browserProctor = proctor();
        Account otherProctor = proctor();
        long sessionId = schedule(room, browserProctor, otherProctor);
        long siteId = ExamRoom.ok(room.admin.get("/api/sites"), 200).getJsonArray("sites").stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getJsonArray("rooms").stream()
                        .map(JsonObject.class::cast)
                        .anyMatch(r -> r.getLong("id") == room.roomId))
                .findFirst()
                .orElseThrow()
                .getLong("id");
        String token = ExamRoom.ok(
                        room.admin.post(
                                "/api/gateways",
                                new JsonObject()
                                        .put("name", TestServer.uniqueName("gw"))
                                        .put("siteId", siteId)
                                        .put("publicUrl", baseUrl + "/gw")),
                        201)
                .getString("token");
        String camera = TestServer.uniqueName("room");
        ExamRoom.ok(
                room.admin.post("/api/rooms/" + room.roomId + "/camera", new JsonObject().put("cameraKey", camera)),
                200);
        room.moveTo(sessionId, "CHECK_IN", room.admin);
        ExamRoom.ok(
                server.client()
                        .withHeader("Authorization", "Bearer " + token)
                        .post(
                                "/api/gateway/anomalies",
                                new JsonObject()
                                        .put("room", camera)
                                        .put("type", "BLACK_PICTURE")
                                        .put(
                                                "startedAt",
                                                Instant.now().minusSeconds(30).toString())
                                        .put("confidence", 0.95)
                                        .put(
                                                "clipUrl",
                                                baseUrl + "/gw/play/" + camera
                                                        + "?camera=cam1&from=2026-03-02T01:00:00Z&to=2026-03-02T01:01:00Z")
                                        .put("detail", "picture black for 12 s")),
                201);

        signIn(browserProctor);
        driver.get(baseUrl + "/console.html?session=" + sessionId);
        WebElement frame = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("monitor-frame")));
        assertThat(frame.getDomAttribute("src")).startsWith(baseUrl + "/gw/live/" + camera + "?ticket=");
        // The list is drawn again whenever an anomaly arrives or is decided: look the item up on each read.
        By openAnomaly = By.cssSelector("#anomaly-list li[data-status=OPEN]");
        wait.until(ExpectedConditions.visibilityOfElementLocated(openAnomaly));
        assertThat(browser.text(openAnomaly)).contains("黑屏");
        // The playback link is the gateway's own, with the session's playback ticket (a live one would be refused
        // there).
        String playback =
                driver.findElement(openAnomaly).findElement(By.tagName("a")).getDomAttribute("href");
        assertThat(playback)
                .startsWith(baseUrl + "/gw/play/" + camera + "?camera=cam1&from=")
                .contains("&ticket=");
        String ticket = URLDecoder.decode(playback.substring(playback.indexOf("&ticket=") + 8), StandardCharsets.UTF_8);
        assertThat(new String(Base64.getUrlDecoder().decode(ticket.split("\\.")[0]), StandardCharsets.UTF_8))
                .contains("\"purpose\":\"playback\"");
        browser.waitUpTo(PUSHED).until(d -> {
            d.findElement(openAnomaly).findElement(By.tagName("button")).click();
            return true;
        });
        wait.until(ExpectedConditions.alertIsPresent()).sendKeys("回放确认摄像头被遮挡");
        driver.switchTo().alert().accept();
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#anomaly-list li[data-status=CONFIRMED]")));
        browser.screenshot("console-monitor.png");
    }

    // ---------------------------------------------------------------- the proctor console

    @Test
    void theSessionDropDownNamesTheSessionShownFromTheMomentItLoads() {
        Account proctor = proctor();
        Account second = proctor();
        ExamRoom first = ExamRoom.create(server, 25);
        ExamRoom later = ExamRoom.create(server, 25);
        long older = schedule(first, proctor, second);
        first.moveTo(older, "CHECK_IN", first.admin);
        // Scheduled after it, so listed above it in the drop-down.
        long newer = schedule(later, proctor, second);

        signIn(proctor);
        driver.get(baseUrl + "/console.html?session=" + older);
        wait.until(ExpectedConditions.textToBe(By.id("session-state"), "检录中"));
        assertThat(selectedSession())
                .as("the drop-down names the session the page shows and acts on")
                .isEqualTo(older);

        // Choosing the other session from the drop-down shows it, and the drop-down still says which.
        new Select(driver.findElement(By.id("session-select"))).selectByValue(String.valueOf(newer));
        wait.until(ExpectedConditions.textToBe(By.id("session-state"), "已安排"));
        assertThat(selectedSession()).isEqualTo(newer);
        assertThat(driver.getCurrentUrl()).endsWith("session=" + newer);

        // The bureau schedules another session for this proctor: it appears without a reload, and the choice stays.
        long added = schedule(ExamRoom.create(server, 25), proctor, second);
        browser.waitUpTo(Duration.ofSeconds(25))
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#session-select option[value='" + added + "']")));
        assertThat(selectedSession()).isEqualTo(newer);
    }

    private long selectedSession() {
        return Long.parseLong(new Select(driver.findElement(By.id("session-select")))
                .getFirstSelectedOption()
                .getDomAttribute("value"));
    }

    @Test
    void theRoomGridFollowsCheckInAnswersSignalsAndProctorActionsLive() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        Account browserProctor = proctor();
        Account otherProctor = proctor();
        ApiClient other = server.client().signedIn(otherProctor.username(), PASSWORD, otherProctor.totpSecret());
        long sessionId = schedule(room, browserProctor, otherProctor);
        ExamRoom.Candidate zhang = room.addCandidate(sessionId, "张伟", Photos.person(71, 0));
        ExamRoom.Candidate li = room.addCandidate(sessionId, "李娜", Photos.person(72, 0));
        ExamRoom.Candidate wang = room.addCandidate(sessionId, "王芳", Photos.person(73, 0));

        // The proctor signs in and goes from the home page to the console, then picks the session.
        signIn(browserProctor);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("link-console")))
                .click();
        wait.until(ExpectedConditions.urlContains("/console.html"));
        pickSession(sessionId);

        // Before check-in nobody has a seat yet: all three are absent.
        for (ExamRoom.Candidate candidate : List.of(zhang, li, wang)) {
            waitForSeat(candidate, "ABSENT", TIMEOUT);
        }
        assertThat(driver.findElements(By.cssSelector("#unseated-list .seat"))).hasSize(3);
        assertThat(driver.findElements(By.cssSelector("#seat-grid .seat.empty")))
                .hasSize(25);
        assertThat(browser.text(By.id("session-state"))).isEqualTo("已安排");
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "实时更新中"));
        browser.screenshot("console-scheduled.png");

        // Opening check-in from the page asks first (dismissed, nothing changes), then draws the seats.
        click(By.id("btn-checkin"));
        assertThat(browser.answerConfirm(false)).contains("确认开始检录");
        assertThat(ok(room.admin.get("/api/sessions/" + sessionId), 200).getString("state"))
                .isEqualTo("SCHEDULED");
        assertThat(browser.text(By.id("session-state"))).isEqualTo("已安排");
        click(By.id("btn-checkin"));
        browser.answerConfirm(true);
        wait.until(ExpectedConditions.textToBe(By.id("session-state"), "检录中"));
        wait.until(d -> seatCell(zhang).getDomAttribute("data-seat").matches("\\d+"));
        assertThat(driver.findElements(By.cssSelector("#unseated-list .seat"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#seat-grid .seat.empty")))
                .hasSize(22);

        // The other proctor checks 张伟 in at the door (API): the browser's seat turns CHECKED_IN, pushed.
        int zhangSeat = checkInByApi(other, sessionId, zhang, 71);
        waitForSeat(zhang, "CHECKED_IN", PUSHED);
        // ...and the change arrived over the WebSocket (the page also re-reads the grid every few seconds)
        browser.waitUpTo(PUSHED).until(d -> "CHECKED_IN".equals(seatCell(zhang).getDomAttribute("data-pushed-status")));
        assertThat(seatCell(zhang).getDomAttribute("data-seat")).isEqualTo(String.valueOf(zhangSeat));
        checkInByApi(other, sessionId, li, 72);
        waitForSeat(li, "CHECKED_IN", PUSHED);

        // Starting from the page asks for a confirmation first.
        click(By.id("btn-start"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-bar")));
        assertThat(browser.text(By.id("confirm-text"))).contains("确认开始");
        click(By.id("confirm-yes"));
        wait.until(ExpectedConditions.textToBe(By.id("session-state"), "考试中"));
        wait.until(d ->
                List.of("ANSWERING", "DISCONNECTED").contains(seatCell(zhang).getDomAttribute("data-status")));

        // 张伟's terminal: confirm with the ticket, fetch the paper, answer three questions.
        ApiClient terminal = room.terminalClient(zhangSeat);
        terminal.withHeader(
                TerminalRoutes.TOKEN_HEADER,
                ok(terminal.post("/api/terminal/confirm", new JsonObject().put("ticketNo", zhang.ticketNo())), 200)
                        .getString("candidateToken"));
        JsonObject paper = ok(terminal.get("/api/exam/paper"), 200);
        terminal.withHeader(TerminalRoutes.TOKEN_HEADER, paper.getString("candidateToken"));
        ok(terminal.post("/api/exam/heartbeat", new JsonObject()), 200);
        ok(
                terminal.post(
                        "/api/exam/answers",
                        new JsonObject()
                                .put(
                                        "steps",
                                        new JsonArray()
                                                .add(step(1, 1, "A"))
                                                .add(step(2, 2, "B"))
                                                .add(step(3, 3, "A")))),
                200);
        // Progress is pushed every few seconds (ProgressFeed, pinned by ProgressPushTest); the console also re-reads
        // the grid every 5 s.
        browser.waitUpTo(Duration.ofSeconds(20))
                .until(d -> "3".equals(seatCell(zhang).getDomAttribute("data-answered"))
                        && "ANSWERING".equals(seatCell(zhang).getDomAttribute("data-status")));
        String progress = seatText(zhang, ".progress-text");
        assertThat(progress).startsWith("3/");
        assertThat(seatText(zhang, ".time-left")).matches("剩余 \\d+:\\d\\d(:\\d\\d)?");
        assertThat(seatText(zhang, ".heartbeat")).startsWith("心跳");

        // A kiosk signal from the terminal lands in the alert feed, newest first.
        assertThat(terminal.post("/api/exam/signals", new JsonObject().put("kind", "FOCUS_LOST"))
                        .statusCode())
                .isEqualTo(204);
        // The feed is drawn again with every change, so its text is read inside the wait.
        String alert = browser.waitUpTo(PUSHED)
                .until(d -> d.findElement(By.cssSelector("#alert-feed li[data-kind='FOCUS_LOST']"))
                        .getText());
        assertThat(alert).contains("窗口失去焦点").contains("张伟").contains(String.valueOf(zhangSeat));
        assertThat(terminal.post("/api/exam/signals", new JsonObject().put("kind", "PASTE_ATTEMPT"))
                        .statusCode())
                .isEqualTo(204);
        browser.waitUpTo(PUSHED)
                .until(d -> "PASTE_ATTEMPT"
                        .equals(d.findElement(By.cssSelector("#alert-feed li:first-child"))
                                .getDomAttribute("data-kind")));
        // The server keeps the signals: after a reload the feed shows them again and the seat counts them.
        driver.navigate().refresh();
        browser.waitUpTo(Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector("#alert-feed li")).stream()
                        .map(item -> item.getDomAttribute("data-kind"))
                        .toList()
                        .equals(List.of("PASTE_ATTEMPT", "FOCUS_LOST")));
        assertThat(seatText(zhang, ".badge.signals")).isEqualTo("终端信号 2");

        // The proctor warns 张伟 from his seat; his terminal reads the warning at its next heartbeat.
        seatCell(zhang).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("seat-dialog")));
        assertThat(browser.text(By.id("seat-title"))).contains("张伟").contains(String.valueOf(zhangSeat));
        WebElement message = driver.findElement(By.id("warn-message"));
        message.clear();
        message.sendKeys("请勿左顾右盼");
        click(By.id("warn-send"));
        waitForNotice("seat-notice", "警告已发出");
        assertThat(ok(terminal.post("/api/exam/heartbeat", new JsonObject()), 200)
                        .getString("warning"))
                .isEqualTo("请勿左顾右盼");
        browser.waitUpTo(PUSHED).until(d -> "true".equals(seatCell(zhang).getDomAttribute("data-flagged")));

        // Extra time with a reason, then an incident with the default video range (the last two minutes).
        WebElement reason = driver.findElement(By.id("extra-reason"));
        reason.sendKeys("终端卡顿");
        click(By.id("extra-send"));
        waitForNotice("seat-notice", "延长 5 分钟");
        new Select(driver.findElement(By.id("incident-kind"))).selectByValue("PEEKING");
        new Select(driver.findElement(By.id("incident-severity"))).selectByValue("ORDINARY");
        driver.findElement(By.id("incident-description")).sendKeys("多次偷看邻座屏幕");
        browser.screenshot("console-seat-dialog.png");
        click(By.id("incident-send"));
        waitForNotice("seat-notice", "事件已记录");

        // Pause and resume from the page.
        click(By.id("pause-button"));
        browser.waitUpTo(PUSHED).until(d -> "PAUSED".equals(seatCell(zhang).getDomAttribute("data-status")));
        assertThat(driver.findElement(By.id("resume-button")).isEnabled()).isTrue();
        click(By.id("resume-button"));
        browser.waitUpTo(PUSHED).until(d -> !"PAUSED".equals(seatCell(zhang).getDomAttribute("data-status")));
        click(By.id("seat-close"));
        wait.until(ExpectedConditions.invisibilityOf(dialog));

        // Voiding 李娜 needs a second proctor: the page shows the request pending; the other proctor's confirmation voids
        // her.
        seatCell(li).click();
        wait.until(ExpectedConditions.visibilityOf(dialog));
        driver.findElement(By.id("void-reason")).sendKeys("使用手机查阅答案");
        click(By.id("void-send"));
        waitForNotice("seat-notice", "等待另一名监考员确认");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("void-pending")));
        assertThat(browser.text(By.id("form-void"))).contains("两名监考员");
        ok(other.post("/api/sittings/" + li.sittingId() + "/void", new JsonObject().put("reason", "确认")), 200);
        browser.waitUpTo(PUSHED).until(d -> "VOIDED".equals(seatCell(li).getDomAttribute("data-status")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("void-pending")));
        click(By.id("seat-close"));
        browser.screenshot("console-running.png");

        // 张伟 hands in (pushed), then the proctor closes the session from the page.
        ok(terminal.post("/api/exam/submit", new JsonObject()), 200);
        browser.waitUpTo(PUSHED).until(d -> "SUBMITTED".equals(seatCell(zhang).getDomAttribute("data-status")));
        click(By.id("btn-close"));
        click(By.id("confirm-yes"));
        wait.until(ExpectedConditions.textToBe(By.id("session-state"), "已结束"));

        // The room record: attendance and incidents; two proctors sign, each with their own login.
        click(By.id("record-refresh"));
        WebElement record = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("record-body")));
        wait.until(d -> record.getText().contains("应到 3 人，实到 2 人，缺考 1 人"));
        WebElement peeking = driver.findElement(By.cssSelector("#record-incidents tr[data-kind='PEEKING']"));
        assertThat(peeking.getText())
                .contains("偷看他人屏幕")
                .contains("一般违纪")
                .contains("多次偷看邻座屏幕")
                .contains("–");
        assertThat(driver.findElements(By.cssSelector("#record-incidents tr[data-kind='VOIDED']")))
                .hasSize(1);
        // Nobody has signed yet, and the page says so (it once showed a literal "null" here).
        assertThat(browser.text(By.id("record-body"))).doesNotContain("null").contains("已有 0 名监考员签署");
        // The other proctor signs first: this proctor sees who signed, and when, before signing too.
        assertThat(ok(other.post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()), 200)
                        .getLong("signatures"))
                .isEqualTo(1);
        click(By.id("record-refresh"));
        browser.waitUpTo(PUSHED)
                .until(d -> "1".equals(d.findElement(By.id("record-signatures")).getDomAttribute("data-signatures")));
        assertThat(browser.text(By.id("record-signatures")))
                .contains(otherProctor.username() + " (test)")
                .contains("签署");
        // Signing asks first: dismissed, the record keeps its one signature.
        click(By.id("record-sign"));
        assertThat(browser.answerConfirm(false)).contains("签署后不能撤回");
        assertThat(ok(room.admin.get("/api/sessions/" + sessionId + "/room-record"), 200)
                        .getJsonArray("signatures"))
                .hasSize(1);
        click(By.id("record-sign"));
        browser.answerConfirm(true);
        waitForNotice("record-notice", "已由两名监考员签署");
        // The notice comes first; the record is read again and drawn with its signatures after it.
        browser.waitUpTo(PUSHED)
                .until(d -> "2".equals(d.findElement(By.id("record-signatures")).getDomAttribute("data-signatures")));
        assertThat(driver.findElements(By.cssSelector("#record-signatures li"))).hasSize(2);
        scrollTo(By.id("record-card"));
        browser.screenshot("console-record.png");

        // What the page sent: the incident carries a two-minute video range ending about now.
        JsonObject stored = ok(other.get("/api/sessions/" + sessionId + "/room-record"), 200);
        JsonObject incident = stored.getJsonArray("incidents").stream()
                .map(JsonObject.class::cast)
                .filter(i -> "PEEKING".equals(i.getString("kind")))
                .findFirst()
                .orElseThrow();
        assertThat(incident.getLong("sittingId")).isEqualTo(zhang.sittingId());
        assertThat(incident.getString("severity")).isEqualTo("ORDINARY");
        Instant from = Instant.parse(incident.getString("videoFrom"));
        Instant to = Instant.parse(incident.getString("videoTo"));
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Duration.between(to, Instant.now()).abs()).isLessThan(Duration.ofMinutes(3));
        JsonObject zhangRow = stored.getJsonArray("candidates").stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getLong("sittingId") == zhang.sittingId())
                .findFirst()
                .orElseThrow();
        assertThat(zhangRow.getInteger("extraSeconds")).isEqualTo(300);
    }

    @Test
    void aTerminalsConnectionIsPushedAndTheConsoleNeverPollsTheGrid() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        Account browserProctor = proctor();
        Account otherProctor = proctor();
        ApiClient other = server.client().signedIn(otherProctor.username(), PASSWORD, otherProctor.totpSecret());
        long sessionId = schedule(room, browserProctor, otherProctor);
        ExamRoom.Candidate zhou = room.addCandidate(sessionId, "周琳", Photos.person(76, 0));
        room.moveTo(sessionId, "CHECK_IN", other);
        ApiClient terminal = room.confirmedTerminal(checkInByApi(other, sessionId, zhou, 76), zhou.ticketNo());
        room.moveTo(sessionId, "RUNNING", other);
        terminal.withHeader(
                TerminalRoutes.TOKEN_HEADER,
                ok(terminal.get("/api/exam/paper"), 200).getString("candidateToken"));

        signIn(browserProctor);
        // Every request the page makes stays in its resource timings for the count below.
        driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", "performance.setResourceTimingBufferSize(100000);"));
        driver.get(baseUrl + "/console.html?session=" + sessionId);
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "实时更新中"));
        waitForSeat(zhou, "DISCONNECTED", TIMEOUT);
        long opened = gridReads(sessionId);
        assertThat(opened).as("the grid read when the session opened").isEqualTo(1);

        // The terminal's first heartbeat turns the seat connected, pushed.
        ok(terminal.post("/api/exam/heartbeat", new JsonObject()), 200);
        waitForSeat(zhou, "ANSWERING", PUSHED);
        assertThat(seatCell(zhou).getDomAttribute("data-source")).isEqualTo("push");
        assertThat(seatText(zhou, ".heartbeat")).isEqualTo("心跳正常");

        // It keeps beating for 12 s, more than twice the old poll's 5 s: the seat stays, and the page reads no grid.
        long until = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        while (System.nanoTime() < until) {
            ok(terminal.post("/api/exam/heartbeat", new JsonObject()), 200);
            Thread.sleep(3_000);
        }
        assertThat(seatCell(zhou).getDomAttribute("data-status")).isEqualTo("ANSWERING");
        assertThat(gridReads(sessionId)).as("grid reads after the first").isEqualTo(opened);
    }

    @Test
    void theCheckInDeskComparesAWebcamSnapshotAndAdmitsADoubtfulCandidateWithASecondProctor() throws Exception {
        ExamRoom room = ExamRoom.create(server, 25);
        Account browserProctor = proctor();
        Account otherProctor = proctor();
        ApiClient other = server.client().signedIn(otherProctor.username(), PASSWORD, otherProctor.totpSecret());
        long sessionId = schedule(room, browserProctor, otherProctor);
        ExamRoom.Candidate zhao = room.addCandidate(sessionId, "赵磊", Photos.person(81, 0));
        ExamRoom.Candidate qian = room.addCandidate(sessionId, "钱敏", Photos.person(82, 0));

        signIn(browserProctor);
        // Keep hold of the page's WebSockets, to cut them as a network failure would.
        driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "window.__sockets = []; const Native = window.WebSocket;"
                                + "window.WebSocket = function (url, protocols) { const s = new Native(url, protocols); window.__sockets.push(s); return s; };"
                                + "window.WebSocket.prototype = Native.prototype; Object.assign(window.WebSocket, {OPEN: 1, CLOSED: 3});"));
        driver.get(baseUrl + "/console.html?session=" + sessionId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("session-view")));
        waitForSeat(zhao, "ABSENT", TIMEOUT);
        // The live feed reconnects by itself when the network comes back.
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "实时更新中"));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        ((JavascriptExecutor) driver).executeScript("window.__sockets.forEach(s => s.close());");
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "连接中断，正在重连…"));
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        browser.waitUpTo(Duration.ofSeconds(25)).until(ExpectedConditions.textToBe(By.id("live-status"), "实时更新中"));
        assertThat((Long) ((JavascriptExecutor) driver).executeScript("return window.__sockets.length;"))
                .isGreaterThanOrEqualTo(2L);

        // The desk opens with check-in.
        assertThat(driver.findElement(By.id("checkin-card")).isDisplayed()).isFalse();
        click(By.id("btn-checkin"));
        browser.answerConfirm(true);
        wait.until(ExpectedConditions.textToBe(By.id("session-state"), "检录中"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("checkin-card")));

        // A card reader types the number and presses Enter.
        WebElement idInput = driver.findElement(By.id("checkin-id"));
        idInput.sendKeys(zhao.idNumber() + Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("checkin-candidate")));
        wait.until(d -> fact("name").equals("赵磊"));
        assertThat(fact("seat")).matches("\\d+ 号座");
        assertThat(fact("faceFailures")).isEqualTo("0 / 3 次");
        assertThat(driver.findElement(By.id("checkin-enrolled")).getDomAttribute("src"))
                .startsWith("data:image/");

        // The webcam (Chromium's fake camera) runs; the snapshot is not 赵磊, so the comparison fails, with its score
        // shown.
        wait.until(ExpectedConditions.elementToBeClickable(By.id("checkin-snapshot")));
        assertThat(
                        (Boolean)
                                ((JavascriptExecutor) driver)
                                        .executeScript(
                                                "const v = document.getElementById('checkin-video'); return v.videoWidth > 0 && !!v.srcObject;"))
                .isTrue();
        for (int attempt = 1; attempt <= 3; attempt++) {
            click(By.id("checkin-snapshot"));
            int expected = attempt;
            wait.until(d -> fact("faceFailures").equals(expected + " / 3 次"));
            WebElement result = driver.findElement(By.id("checkin-result"));
            assertThat(result.getDomAttribute("data-match")).isEqualTo("false");
            assertThat(result.getText()).contains("人脸比对未通过").containsPattern("相似度 0\\.\\d{3} < 阈值 0\\.\\d{3}");
            if (attempt == 1) {
                assertThat(driver.findElement(By.id("checkin-doubtful")).isDisplayed())
                        .isFalse();
                browser.screenshot("console-checkin-desk.png");
            }
        }
        // Three misses: only the doubtful admission remains, and it needs two different proctors.
        assertThat(driver.findElement(By.id("checkin-snapshot")).isEnabled()).isFalse();
        WebElement doubtful = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("checkin-doubtful")));
        assertThat(doubtful.getText()).contains("两名不同的监考员");
        click(By.id("checkin-doubtful-button"));
        WebElement waiting = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("checkin-doubtful-state")));
        wait.until(d -> waiting.getText().contains("1/2"));
        assertThat(seatCell(zhao).getDomAttribute("data-status")).isEqualTo("ABSENT");
        JsonObject admitted = ok(other.post("/api/sittings/" + zhao.sittingId() + "/doubtful", new JsonObject()), 200);
        assertThat(admitted.getBoolean("checkedIn")).isTrue();
        browser.waitUpTo(PUSHED).until(d -> "CHECKED_IN".equals(seatCell(zhao).getDomAttribute("data-status")));
        // pushed over the reconnected WebSocket
        browser.waitUpTo(PUSHED).until(d -> "CHECKED_IN".equals(seatCell(zhao).getDomAttribute("data-pushed-status")));
        assertThat(seatCell(zhao).getDomAttribute("data-doubtful")).isEqualTo("true");
        assertThat(seatCell(zhao).getText()).contains("存疑");
        // The desk hears of it too, from the grid.
        waitForNotice("checkin-notice", "该考生已入场");
        assertThat(driver.findElement(By.id("checkin-doubtful")).isDisplayed()).isFalse();

        // The next candidate at the desk: the same input takes the next card.
        idInput.sendKeys(qian.idNumber() + Keys.ENTER);
        wait.until(d -> fact("name").equals("钱敏"));
        assertThat(driver.findElement(By.id("checkin-result")).isDisplayed()).isFalse();
        browser.screenshot("console-doubtful.png");

        // In English, everything the page wrote is written again.
        click(By.id("lang-en"));
        wait.until(ExpectedConditions.textToBe(By.id("checkin-heading"), "Check-in desk"));
        assertThat(browser.text(By.id("session-state"))).isEqualTo("Check-in");
        assertThat(seatCell(zhao).getText()).contains("Checked in").contains("Doubtful");
        assertThat(fact("status")).isEqualTo("Absent");
        assertThat(browser.text(By.id("live-status"))).isEqualTo("Live");
        browser.screenshot("console-en.png");
    }

    // ---------------------------------------------------------------- the bureau's sessions page

    @Test
    void aCandidateWithNoEnrolledPhotoIsPhotographedAtTheDoorAndAdmittedByTwoProctors() {
        ExamRoom room = ExamRoom.create(server, 25);
        Account browserProctor = proctor();
        Account otherProctor = proctor();
        ApiClient other = server.client().signedIn(otherProctor.username(), PASSWORD, otherProctor.totpSecret());
        long sessionId = schedule(room, browserProctor, otherProctor);
        // From a CSV list without photos.
        ExamRoom.Candidate zhou = room.addCandidate(sessionId, "周敏", null);
        room.moveTo(sessionId, "CHECK_IN", room.admin);

        signIn(browserProctor);
        driver.get(baseUrl + "/console.html?session=" + sessionId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("checkin-card")));
        driver.findElement(By.id("checkin-id")).sendKeys(zhou.idNumber() + Keys.ENTER);
        wait.until(d -> fact("name").equals("周敏"));
        WebElement noPhoto = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("checkin-no-photo")));
        assertThat(noPhoto.getText()).contains("没有登记照片").contains("两名监考员");
        assertThat(driver.findElement(By.id("checkin-doubtful")).isDisplayed()).isFalse();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("checkin-snapshot")));
        assertThat(browser.text(By.id("checkin-snapshot"))).isEqualTo("拍摄现场照片");
        click(By.id("checkin-snapshot"));
        wait.until(d -> browser.text(By.id("checkin-result")).contains("已保存现场照片"));
        assertThat(fact("faceFailures")).isEqualTo("0 / 3 次");
        WebElement doubtful = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("checkin-doubtful")));
        assertThat(doubtful.getText()).contains("没有登记照片").contains("两名不同的监考员");
        browser.screenshot("console-door-photo.png");
        click(By.id("checkin-doubtful-button"));
        WebElement waiting = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("checkin-doubtful-state")));
        wait.until(d -> waiting.getText().contains("1/2"));

        JsonObject admitted = ok(other.post("/api/sittings/" + zhou.sittingId() + "/doubtful", new JsonObject()), 200);
        assertThat(admitted.getBoolean("checkedIn")).isTrue();
        browser.waitUpTo(PUSHED).until(d -> "CHECKED_IN".equals(seatCell(zhou).getDomAttribute("data-status")));
        assertThat(seatCell(zhou).getDomAttribute("data-doubtful")).isEqualTo("true");
        // The snapshot the browser took is now 周敏's enrolled photo.
        String enrolled = ok(
                        other.post(
                                "/api/sessions/" + sessionId + "/checkin/identify",
                                new JsonObject().put("idNumber", zhou.idNumber())),
                        200)
                .getString("enrolledPhoto");
        assertThat(Base64.getDecoder().decode(enrolled)).startsWith((byte) 0xff, (byte) 0xd8);
    }

    @Test
    void aBureauAdminSetsUpARoomSchedulesASessionAndAddsCandidates() throws Exception {
        Account admin =
                Account.of(server.createStaff(TestServer.uniqueName("web-bureau"), PASSWORD, Role.BUREAU_ADMIN));
        Account p1 = proctor();
        Account p2 = proctor();
        String siteName = TestServer.uniqueName("考点");

        signIn(admin);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("link-sessions")))
                .click();
        wait.until(ExpectedConditions.urlContains("/sessions.html"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions-app")));

        // Sites and rooms: a site, a room, and enrolment codes for 25 seats with links to open at each terminal.
        click(By.id("tab-rooms"));
        type(By.id("site-name"), siteName);
        type(By.id("site-address"), "城关镇应急路 1 号");
        click(By.id("site-create"));
        By siteBlock = By.xpath("//div[contains(@class,'site-block')][h3[text()='" + siteName + "']]");
        wait.until(ExpectedConditions.visibilityOfElementLocated(siteBlock));
        new Select(driver.findElement(By.id("room-site"))).selectByVisibleText(siteName);
        type(By.id("room-name"), "第1考场");
        click(By.id("room-create"));
        wait.until(d -> d.findElement(siteBlock).getText().contains("第1考场"));
        long roomId = Long.parseLong(wait.until(d -> d.findElement(siteBlock)
                .findElement(By.cssSelector("[data-room-id]"))
                .getDomAttribute("data-room-id")));
        assertThat(browser.text(By.cssSelector("[data-room-id='" + roomId + "'] .approval")))
                .contains("未达到");
        new Select(driver.findElement(By.id("codes-room"))).selectByValue(String.valueOf(roomId));
        type(By.id("codes-from"), "1");
        type(By.id("codes-to"), "25");
        click(By.id("codes-issue"));
        List<WebElement> codeRows = wait.until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#code-list tbody tr"));
            return rows.size() == 25 ? rows : null;
        });
        List<String> codes = new ArrayList<>();
        for (WebElement row : codeRows) {
            String code = row.findElement(By.cssSelector("td.code")).getText();
            String link = row.findElement(By.cssSelector("a")).getDomAttribute("href");
            assertThat(link).endsWith("terminal.html?enrol=" + code);
            codes.add(code);
        }
        scrollTo(By.id("codes-result"));
        browser.screenshot("sessions-codes.png");
        // Each terminal enrols with its code (as terminal.html would); the room then counts as approved.
        for (String code : codes) {
            ok(server.client().post("/api/terminal/enrol", new JsonObject().put("code", code)), 201);
        }
        click(By.id("sites-refresh"));
        wait.until(d -> d.findElement(By.cssSelector("[data-room-id='" + roomId + "'] .approval"))
                .getText()
                .contains("已批准"));
        assertThat(browser.text(By.cssSelector("[data-room-id='" + roomId + "']")))
                .contains("25");

        // Schedule a session: room, blueprint from the bank's list, time, two proctors, show the score.
        click(By.id("tab-sessions"));
        new Select(driver.findElement(By.id("schedule-room"))).selectByValue(String.valueOf(roomId));
        wait.until(d -> new Select(d.findElement(By.id("schedule-blueprint")))
                .getOptions().stream().anyMatch(o -> BLUEPRINT.equals(o.getDomAttribute("value"))));
        new Select(driver.findElement(By.id("schedule-blueprint"))).selectByValue(BLUEPRINT);
        type(By.id("schedule-title"), "低压电工作业理论考试（浏览器测试）");
        click(By.cssSelector("#schedule-proctors input[value='" + p1.id() + "']"));
        click(By.id("schedule-submit"));
        waitForNotice("schedule-notice", "至少");
        click(By.cssSelector("#schedule-proctors input[value='" + p2.id() + "']"));
        click(By.id("schedule-show-score"));
        click(By.id("schedule-submit"));
        WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("session-detail")));
        long sessionId = Long.parseLong(detail.getDomAttribute("data-session-id"));
        JsonObject session = ok(
                server.client()
                        .signedIn(p1.username(), PASSWORD, p1.totpSecret())
                        .get("/api/sessions/" + sessionId),
                200);
        assertThat(session.getString("blueprintId")).isEqualTo(BLUEPRINT);
        assertThat(session.getBoolean("showScore")).isTrue();
        assertThat(session.getJsonArray("proctorIds").stream().map(id -> ((Number) id).longValue()))
                .containsExactlyInAnyOrder(p1.id(), p2.id());
        assertThat(browser.text(By.cssSelector("#session-list tr[data-session-id='" + sessionId + "']")))
                .contains("低压电工作业理论考试（浏览器测试）");

        // A candidate with a photo file; the list shows them.
        String idNumber = ExamRoom.newIdNumber();
        Path photo = browser.file("candidate.jpg", Photos.person(91, 0));
        type(By.id("candidate-name"), "孙悦");
        type(By.id("candidate-id"), idNumber);
        driver.findElement(By.id("candidate-photo"))
                .sendKeys(photo.toAbsolutePath().toString());
        click(By.id("candidate-add"));
        waitForNotice("candidate-notice", "孙悦");
        WebElement row =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#candidate-list tbody tr")));
        assertThat(row.getText())
                .contains("孙悦")
                .contains(idNumber.substring(0, 4))
                .doesNotContain(idNumber)
                .contains("未到场");

        // A CSV import with a bad ID number is refused with its row and column; a dry run of a good one adds nobody.
        String good = ExamRoom.newIdNumber();
        type(By.id("import-csv"), "姓名,身份证号\n周杰," + good + "\n吴倩,11010519491231002X-BAD\n");
        click(By.id("import-dry-run"));
        WebElement problems = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-problems")));
        WebElement problem = problems.findElement(By.cssSelector("tr[data-row='3'][data-column='2']"));
        assertThat(problem.getText()).contains("身份证号").contains("身份证号无效");
        waitForNotice("import-notice", "未导入任何考生");
        scrollTo(By.id("import-form"));
        browser.screenshot("sessions-import-problems.png");
        WebElement csv = driver.findElement(By.id("import-csv"));
        csv.clear();
        csv.sendKeys("姓名,身份证号\n周杰," + good + "\n");
        click(By.id("import-dry-run"));
        waitForNotice("import-notice", "1");
        assertThat(driver.findElements(By.cssSelector("#candidate-list tbody tr")))
                .hasSize(1);
        click(By.id("import-run"));
        waitForNotice("import-notice", "周杰");
        wait.until(
                d -> d.findElements(By.cssSelector("#candidate-list tbody tr")).size() == 2);
        scrollTo(By.id("session-detail"));
        browser.screenshot("sessions-detail.png");
    }

    @Test
    void aBureauAdminReadsResultsAndACandidatesAnswerSheet() throws Exception {
        // A whole sitting over the API: one candidate answers and hands in; the session is closed, signed and scored.
        ExamRoom room = ExamRoom.create(server, 25);
        Account p1 = proctor();
        Account p2 = proctor();
        ApiClient proctor1 = server.client().signedIn(p1.username(), PASSWORD, p1.totpSecret());
        ApiClient proctor2 = server.client().signedIn(p2.username(), PASSWORD, p2.totpSecret());
        long sessionId = schedule(room, p1, p2);
        ExamRoom.Candidate sun = room.addCandidate(sessionId, "孙强", Photos.person(95, 0));
        room.addCandidate(sessionId, "李明", Photos.person(96, 0));
        room.moveTo(sessionId, "CHECK_IN", proctor1);
        int seat = checkInByApi(proctor1, sessionId, sun, 95);
        room.moveTo(sessionId, "RUNNING", proctor1);
        ApiClient terminal = room.terminalClient(seat);
        terminal.withHeader(
                TerminalRoutes.TOKEN_HEADER,
                ok(terminal.post("/api/terminal/confirm", new JsonObject().put("ticketNo", sun.ticketNo())), 200)
                        .getString("candidateToken"));
        terminal.withHeader(
                TerminalRoutes.TOKEN_HEADER,
                ok(terminal.get("/api/exam/paper"), 200).getString("candidateToken"));
        ok(
                terminal.post(
                        "/api/exam/answers",
                        new JsonObject()
                                .put(
                                        "steps",
                                        new JsonArray()
                                                .add(step(1, 1, "A"))
                                                .add(step(2, 2, "B"))
                                                .add(step(3, 40, "C")))),
                200);
        ok(terminal.post("/api/exam/submit", new JsonObject()), 200);
        room.moveTo(sessionId, "CLOSED", proctor1);
        ok(proctor1.post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()), 200);
        ok(proctor2.post("/api/sessions/" + sessionId + "/room-record/sign", new JsonObject()), 200);
        room.moveTo(sessionId, "SCORED", room.admin);
        JsonObject sheet = ok(room.admin.get("/api/sittings/" + sun.sittingId() + "/answer-sheet"), 200);

        Account admin =
                Account.of(server.createStaff(TestServer.uniqueName("web-results"), PASSWORD, Role.BUREAU_ADMIN));
        signIn(admin);
        driver.get(baseUrl + "/sessions.html?session=" + sessionId);
        WebElement results = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results-table")));
        wait.until(d -> results.getText().contains("孙强"));
        assertThat(browser.text(By.id("session-detail-state"))).isEqualTo("成绩已确认");
        String score = String.valueOf(sheet.getDouble("score").intValue());
        WebElement sunRow = results.findElement(By.cssSelector("tr[data-sitting-id='" + sun.sittingId() + "']"));
        assertThat(sunRow.getText()).contains(score).contains("已交卷");
        assertThat(results.getText()).contains("李明").contains("未到场");
        assertThat(driver.findElement(By.id("results-csv")).getDomAttribute("href"))
                .endsWith("/api/sessions/" + sessionId + "/results.csv");
        assertThat(driver.findElement(By.id("results-xlsx")).getDomAttribute("href"))
                .endsWith("/api/sessions/" + sessionId + "/results.xlsx");
        // The CSV link works with the browser's own session.
        Object csvText = ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(document.getElementById('results-csv').href, {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done(String(e)));");
        assertThat(String.valueOf(csvText)).contains("准考证号").contains("孙强").contains(sun.ticketNo());

        // The answer sheet: the paper with its keys, the chosen answers and the score breakdown.
        sunRow.findElement(By.cssSelector("button.sheet-open")).click();
        WebElement sheetDialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sheet-dialog")));
        wait.until(d -> !sheetDialog.findElements(By.cssSelector(".sheet-item")).isEmpty());
        int items = sheet.getJsonObject("report").getJsonArray("items").size();
        assertThat(sheetDialog.findElements(By.cssSelector(".sheet-item"))).hasSize(items);
        assertThat(sheetDialog.findElement(By.id("sheet-summary")).getText()).contains(score);
        WebElement first = sheetDialog.findElement(By.cssSelector(".sheet-item[data-number='1']"));
        assertThat(first.findElements(By.cssSelector("li.key"))).isNotEmpty();
        assertThat(first.findElements(By.cssSelector("li.chosen"))).hasSize(1);
        WebElement unanswered = sheetDialog.findElement(By.cssSelector(".sheet-item[data-number='4']"));
        assertThat(unanswered.findElement(By.cssSelector(".outcome")).getText()).contains("未作答");
        assertThat(sheetDialog.findElement(By.id("sheet-sections")).getText()).contains("判断题");
        browser.screenshot("sessions-answer-sheet.png");
        ((JavascriptExecutor) driver)
                .executeScript(
                        "document.querySelector('.sheet-item[data-number=\"39\"]').scrollIntoView({block: 'start'});");
        browser.screenshot("sessions-answer-sheet-items.png");

        // The bureau may watch the room on the console, but only the session's proctors act there.
        click(By.id("sheet-close"));
        click(By.id("detail-console"));
        wait.until(ExpectedConditions.urlContains("/console.html?session=" + sessionId));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("watch-note")));
        waitForSeat(sun, "SUBMITTED", TIMEOUT);
        assertThat(driver.findElement(By.id("checkin-card")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("record-sign")).isDisplayed()).isFalse();
        seatCell(sun).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("seat-readonly")));
        assertThat(driver.findElement(By.id("seat-actions")).isDisplayed()).isFalse();
        assertThat(browser.text(By.cssSelector("#seat-facts dd[data-fact='score']")))
                .startsWith(score);
    }

    // ---------------------------------------------------------------- helpers

    private Account proctor() {
        return Account.of(server.createStaff(TestServer.uniqueName("web-proctor"), PASSWORD, Role.PROCTOR));
    }

    private static long schedule(ExamRoom room, Account first, Account second) {
        JsonObject body = new JsonObject()
                .put("roomId", room.roomId)
                .put("blueprintId", BLUEPRINT)
                .put("title", "低压电工作业理论考试")
                .put("startsAt", Instant.now().toString())
                .put("proctorIds", new JsonArray().add(first.id()).add(second.id()))
                .put("showScore", true);
        return ok(room.admin.post("/api/sessions", body), 201).getLong("id");
    }

    /** Checks a candidate in at the door over the API with a capture of their own face; returns the seat. */
    private static int checkInByApi(ApiClient proctor, long sessionId, ExamRoom.Candidate candidate, long faceSeed) {
        ok(
                proctor.post(
                        "/api/sessions/" + sessionId + "/checkin/identify",
                        new JsonObject().put("idNumber", candidate.idNumber())),
                200);
        JsonObject bound = ok(
                proctor.post(
                        "/api/sittings/" + candidate.sittingId() + "/face",
                        new JsonObject().put("photo", Base64.getEncoder().encodeToString(Photos.person(faceSeed, 12)))),
                200);
        assertThat(bound.getBoolean("checkedIn")).as(bound.encode()).isTrue();
        return bound.getInteger("seatNo");
    }

    private void signIn(Account account) {
        browser.signIn(baseUrl, account.username(), PASSWORD, Totp.codeAt(account.totpSecret(), Instant.now()));
        try {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("role-home")));
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "sign-in of " + account.username() + " failed; the page shows: " + browser.text(By.tagName("body")),
                    e);
        }
    }

    private void pickSession(long sessionId) {
        WebElement select = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#session-select option[value='" + sessionId + "']")));
        assertThat(select).isNotNull();
        new Select(driver.findElement(By.id("session-select"))).selectByValue(String.valueOf(sessionId));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("session-view")));
    }

    /**
     * A text inside a seat's button. The console re-renders the seat every second (the clock), so an
     * element found a moment ago may be gone: read it again until it holds still long enough.
     */
    private String seatText(ExamRoom.Candidate candidate, String css) {
        return browser.waitUpTo(PUSHED)
                .until(d -> seatCell(candidate).findElement(By.cssSelector(css)).getText());
    }

    /** How many times the page has read the session's grid, from its resource timings. */
    private long gridReads(long sessionId) {
        return (Long) driver.executeScript(
                "return performance.getEntriesByType('resource')"
                        + ".filter(e => new URL(e.name).pathname === arguments[0]).length;",
                "/api/sessions/" + sessionId + "/grid");
    }

    private WebElement seatCell(ExamRoom.Candidate candidate) {
        return driver.findElement(By.cssSelector(".seat[data-sitting-id='" + candidate.sittingId() + "']"));
    }

    private void waitForSeat(ExamRoom.Candidate candidate, String status, Duration within) {
        try {
            browser.waitUpTo(within).until(d -> {
                List<WebElement> cells =
                        d.findElements(By.cssSelector(".seat[data-sitting-id='" + candidate.sittingId() + "']"));
                return !cells.isEmpty() && status.equals(cells.get(0).getDomAttribute("data-status"));
            });
        } catch (TimeoutException e) {
            List<WebElement> cells =
                    driver.findElements(By.cssSelector(".seat[data-sitting-id='" + candidate.sittingId() + "']"));
            throw new AssertionError(
                    candidate.fullName() + " did not turn " + status + " within " + within + "; the seat shows "
                            + (cells.isEmpty() ? "nothing" : cells.get(0).getDomAttribute("data-status")),
                    e);
        }
    }

    /**
     * A fact on the check-in desk's candidate card. The card is redrawn whenever the grid or the camera
     * changes, so the fact is looked up anew and read again if it was replaced while being read.
     */
    private String fact(String key) {
        By locator = By.cssSelector("#checkin-candidate dd[data-fact='" + key + "']");
        return browser.waitUpTo(PUSHED).until(d -> {
            List<WebElement> found = d.findElements(locator);
            return found.isEmpty() ? "" : found.get(0).getText();
        });
    }

    private void waitForNotice(String id, String contains) {
        Function<WebDriver, Boolean> shown = d -> {
            WebElement box = d.findElement(By.id(id));
            return box.isDisplayed() && box.getText().contains(contains);
        };
        try {
            wait.until(shown::apply);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "#" + id + " never said \"" + contains + "\"; it says: " + browser.text(By.id(id))
                            + " / page error: " + browser.text(By.id("page-error")),
                    e);
        }
    }

    private void scrollTo(By by) {
        ((JavascriptExecutor) driver)
                .executeScript("arguments[0].scrollIntoView({block: 'start'});", driver.findElement(by));
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private void type(By by, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        input.clear();
        input.sendKeys(text);
    }
}
