package org.examhall.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.examhall.server.live.RoomEvents;
import org.examhall.server.testing.Browser;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The candidate's terminal page (terminal.html) in Debian's headless Chromium against the shared test
 * server, with the room, the session, the check-in and the start done through the API as proctors
 * would: enrol by link, confirm with the ticket, answer by clicking and by keyboard, reload, lose the
 * browser mid-exam and carry on in another one, hand in; and answer through a network cut, with the
 * changes kept on the machine (even across a reload) until the server has them. Each time the
 * server's answer sheet must equal exactly what was clicked.
 */
class TerminalPageBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String CREDENTIAL_KEY = "examhall.terminal.credential";

    private final TestServer server = TestServer.shared();
    private final List<Terminal> terminals = new ArrayList<>();
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private String baseUrl;

    /** The page in one Chromium of its own, as on a separate exam-room machine (or a restarted kiosk). */
    private final class Terminal {
        final Browser browser;
        final ChromeDriver driver;
        final WebDriverWait wait;

        Terminal() {
            browser = Browser.open(1280, 960);
            driver = browser.driver();
            wait = browser.waitUpTo(TIMEOUT);
            screen(1280, 800);
        }

        /** The page's viewport, as on a kiosk screen of this size in full-screen mode. */
        void screen(int width, int height) {
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        }

        void open(String path) {
            driver.get(baseUrl + path);
        }

        Object js(String script, Object... args) {
            return ((JavascriptExecutor) driver).executeScript(script, args);
        }

        WebElement visible(String id) {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        }

        WebElement element(String css) {
            return driver.findElement(By.cssSelector(css));
        }

        /** Waits for a screen of the page, saying which one is shown instead on timeout. */
        void awaitScreen(String screen) {
            try {
                wait.until(d -> screen.equals(d.findElement(By.tagName("body")).getDomAttribute("data-screen")));
            } catch (TimeoutException e) {
                String shown = driver.findElement(By.tagName("body")).getDomAttribute("data-screen");
                String errors = Stream.of("confirm-error", "enrol-error", "idle-message", "connecting-text")
                        .map(id -> id + "=" + browser.text(By.id(id)))
                        .collect(Collectors.joining(", "));
                throw new AssertionError(
                        "expected the " + screen + " screen but the page shows " + shown + " (" + errors + ")", e);
            }
        }

        void confirmWithTicket(String ticket) {
            WebElement input = visible("ticket-no");
            input.clear();
            input.sendKeys(ticket);
            driver.findElement(By.id("confirm-button")).click();
        }

        /** Goes to a question through the navigator. */
        void goTo(int item) {
            element("#navigator button[data-item='" + item + "']").click();
            awaitQuestion(item);
        }

        void awaitQuestion(int item) {
            wait.until(ExpectedConditions.textToBe(By.id("question-heading"), "第 " + item + " 题"));
        }

        /** Clicks the options of the current question and waits until the page shows them chosen. */
        void click(String... labels) {
            for (String label : labels) {
                option(label).click();
            }
        }

        WebElement option(String label) {
            return element("#options button[data-label='" + label + "']");
        }

        /** The labels the page shows chosen for the current question. */
        String chosen() {
            return driver.findElements(By.cssSelector("#options button[aria-checked='true']")).stream()
                    .map(b -> b.getDomAttribute("data-label"))
                    .sorted()
                    .collect(Collectors.joining());
        }

        void awaitChosen(String labels) {
            wait.until(d -> chosen().equals(labels));
        }

        String connState() {
            return element("#conn-status").getDomAttribute("data-state");
        }

        int pending() {
            return Integer.parseInt(element("#conn-status").getDomAttribute("data-pending"));
        }

        /** Waits until the connection indicator says every change is on the server. */
        void awaitAllSaved() {
            try {
                wait.until(d -> "online".equals(connState()) && pending() == 0);
            } catch (TimeoutException e) {
                throw new AssertionError(
                        "not all saved: " + connState() + ", " + pending() + " pending, "
                                + browser.text(By.id("conn-text")),
                        e);
            }
        }

        String navAttribute(int item, String attribute) {
            return element("#navigator button[data-item='" + item + "']").getDomAttribute(attribute);
        }

        Object cdp(String command, Map<String, Object> parameters) {
            return driver.executeCdpCommand(command, parameters);
        }

        void screenshot(String name) {
            browser.screenshot(name);
        }

        void quit() {
            try {
                browser.close();
            } finally {
                terminals.remove(this);
            }
        }
    }

    @BeforeEach
    void setUp() {
        baseUrl = server.baseUrl();
    }

    @AfterEach
    void closeBrowsers() {
        consumers.forEach(MessageConsumer::unregister);
        for (Terminal terminal : new ArrayList<>(terminals)) {
            terminal.quit();
        }
    }

    /** The kiosk signals the proctors' consoles of a session receive, as they arrive. */
    private List<String> alerts(long sessionId) {
        List<String> kinds = new CopyOnWriteArrayList<>();
        MessageConsumer<JsonObject> consumer = server.server()
                .vertx()
                .eventBus()
                .consumer(RoomEvents.address(sessionId), message -> {
                    if ("alert".equals(message.body().getString("type"))) {
                        kinds.add(message.body().getString("kind"));
                    }
                });
        TestServer.await(consumer.completion());
        consumers.add(consumer);
        return kinds;
    }

    private void awaitAlert(Terminal terminal, List<String> alerts, String kind) {
        try {
            terminal.wait.until(d -> alerts.contains(kind));
        } catch (TimeoutException e) {
            throw new AssertionError("the proctors never heard " + kind + "; they heard " + alerts, e);
        }
    }

    private Terminal terminal() {
        Terminal terminal = new Terminal();
        terminals.add(terminal);
        return terminal;
    }

    @Test
    void aCandidateAnswersLosesTheBrowserCarriesOnInAnotherAndHandsIn() {
        ExamRoom room = ExamRoom.create(server, 25);
        // 30 true/false, 15 single choice (31–45), 5 multiple choice (46–50).
        long sessionId = room.scheduleSession("DEMO-WELD-FUSION", null, true);
        ExamRoom.Candidate zhang = room.addCandidate(sessionId, "张伟", Photos.person(41, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        int seat = checkIn(room, sessionId, zhang, 41);
        List<String> alerts = alerts(sessionId);

        // The seat's machine is (re-)enrolled by the link the demo prints.
        Terminal first = terminal();
        first.open("/terminal.html?enrol=" + enrolCode(room, seat));
        first.awaitScreen("confirm");
        assertThat(first.driver.getCurrentUrl()).doesNotContain("enrol=");
        assertThat(first.driver.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("zh-CN");
        first.wait.until(ExpectedConditions.textToBe(By.id("candidate-name"), "张伟"));
        assertThat(first.browser.text(By.id("seat-number"))).isEqualTo(seat + " 号");
        first.wait.until(d ->
                ((Number) first.js("return document.getElementById('candidate-photo').naturalWidth")).intValue() > 0);
        first.screenshot("terminal-confirm.png");

        // A wrong ticket is refused with the server's message in Chinese; the right one goes on.
        first.confirmWithTicket("0000000000");
        WebElement error = first.visible("confirm-error");
        first.wait.until(d -> error.getText().contains("准考证号"));
        first.confirmWithTicket(zhang.ticketNo());
        first.awaitScreen("wait");
        first.screenshot("terminal-wait.png");

        // The proctor starts the exam: the paper appears by itself.
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        first.awaitScreen("exam");
        first.awaitQuestion(1);
        assertThat(first.browser.text(By.id("question-type"))).startsWith("判断题");
        assertThat(first.browser.text(By.id("count-unanswered"))).isEqualTo("50");
        assertThat(first.browser.text(By.id("countdown"))).matches("1:00:00|59:\\d\\d");

        // Kiosk signals: the context menu and copying are refused and reported to the proctors.
        new Actions(first.driver).contextClick(first.element("#question-stem")).perform();
        awaitAlert(first, alerts, "CONTEXT_MENU");
        new Actions(first.driver)
                .keyDown(Keys.CONTROL)
                .sendKeys("c")
                .keyUp(Keys.CONTROL)
                .perform();
        awaitAlert(first, alerts, "COPY_ATTEMPT");

        Map<Integer, String> expected = new TreeMap<>();
        first.click("A");
        first.awaitChosen("A");
        expected.put(1, "A");
        first.goTo(2);
        first.click("B");
        first.awaitChosen("B");
        // Keyboard: → for the next question, a letter to choose.
        new Actions(first.driver).sendKeys(Keys.ARROW_RIGHT).perform();
        first.awaitQuestion(3);
        new Actions(first.driver).sendKeys("b").perform();
        first.awaitChosen("B");
        expected.put(3, "B");
        // A changed answer: the newer choice is the one that counts.
        first.goTo(2);
        first.awaitChosen("B");
        first.click("A");
        first.awaitChosen("A");
        expected.put(2, "A");
        first.goTo(5);
        first.element("#mark-button").click();
        first.wait.until(d -> "true".equals(first.navAttribute(5, "data-marked")));
        first.goTo(31);
        assertThat(first.browser.text(By.id("question-type"))).startsWith("单选题");
        first.click("C");
        first.awaitChosen("C");
        expected.put(31, "C");
        first.goTo(46);
        assertThat(first.browser.text(By.id("question-type"))).startsWith("多选题");
        assertThat(first.driver.findElement(By.id("question-hint")).isDisplayed())
                .isTrue();
        first.click("A", "C", "D");
        first.awaitChosen("ACD");
        first.click("D");
        first.awaitChosen("AC");
        expected.put(46, "AC");
        first.awaitAllSaved();
        assertThat(first.browser.text(By.id("count-answered"))).isEqualTo(String.valueOf(expected.size()));
        assertThat(first.browser.text(By.id("count-marked"))).isEqualTo("1");
        assertThat(first.navAttribute(2, "data-answered")).isEqualTo("true");
        assertThat(first.navAttribute(4, "data-answered")).isEqualTo("false");
        assertThat(serverAnswers(room, zhang)).isEqualTo(stringKeys(expected));
        first.screenshot("terminal-exam.png");

        // A reload resumes exactly there: same question, same choices, same mark, no ticket asked.
        first.driver.navigate().refresh();
        first.awaitScreen("exam");
        first.awaitQuestion(46);
        first.awaitChosen("AC");
        awaitAlert(first, alerts, "RELOAD");
        assertThat(first.navAttribute(5, "data-marked")).isEqualTo("true");
        assertThat(first.navAttribute(31, "data-answered")).isEqualTo("true");

        // Large text and English, as a candidate may choose; then back.
        first.element("#font-button").click();
        first.element("#lang-en").click();
        first.wait.until(ExpectedConditions.textToBe(By.id("question-heading"), "Question 46"));
        first.screenshot("terminal-exam-large-en.png");
        first.element("#lang-zh").click();
        first.element("#font-button").click();
        first.awaitQuestion(46);

        // The browser dies mid-exam, everything saved.
        first.awaitAllSaved();
        String credential = (String) first.js("return localStorage.getItem(arguments[0])", CREDENTIAL_KEY);
        assertThat(credential).isNotBlank();
        first.quit();

        // Another browser on the same machine's credential: confirm again, the answers are all there.
        Terminal second = terminal();
        second.open("/terminal.html");
        second.awaitScreen("enrol");
        second.screenshot("terminal-enrol.png");
        second.js("localStorage.setItem(arguments[0], arguments[1])", CREDENTIAL_KEY, credential);
        second.driver.navigate().refresh();
        second.awaitScreen("confirm");
        second.wait.until(ExpectedConditions.textToBe(By.id("candidate-name"), "张伟"));
        second.confirmWithTicket(zhang.ticketNo());
        second.awaitScreen("exam");
        second.awaitQuestion(1);
        second.awaitChosen("A");
        assertThat(second.browser.text(By.id("count-answered"))).isEqualTo(String.valueOf(expected.size()));
        for (int item = 1; item <= 50; item++) {
            assertThat(second.navAttribute(item, "data-answered"))
                    .as("item %d answered", item)
                    .isEqualTo(String.valueOf(expected.containsKey(item)));
        }
        second.goTo(2);
        second.awaitChosen("A");
        second.goTo(46);
        second.awaitChosen("AC");

        // One more answer, one mark, then hand in.
        second.goTo(7);
        second.click("B");
        second.awaitChosen("B");
        expected.put(7, "B");
        second.goTo(8);
        second.element("#mark-button").click();
        second.awaitAllSaved();
        second.element("#submit-button").click();
        second.visible("submit-dialog");
        List<Integer> unanswered = IntStream.rangeClosed(1, 50)
                .filter(i -> !expected.containsKey(i))
                .boxed()
                .toList();
        assertThat(numbers(second.browser.text(By.id("submit-unanswered")))).isEqualTo(unanswered);
        assertThat(second.browser.text(By.id("submit-unanswered-text"))).contains(String.valueOf(unanswered.size()));
        assertThat(numbers(second.browser.text(By.id("submit-marked")))).containsExactly(8);
        second.screenshot("terminal-submit-dialog.png");
        // Going back changes nothing; confirming hands in.
        second.element("#submit-cancel").click();
        second.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("submit-dialog")));
        second.element("#submit-button").click();
        second.visible("submit-confirm").click();
        second.awaitScreen("done");
        WebElement score = second.visible("done-score");
        assertThat(score.getText()).contains("分").contains("满分 100");
        assertThat(second.browser.text(By.id("done-answered"))).contains(String.valueOf(expected.size()));
        second.screenshot("terminal-done.png");

        // The server's sheet is exactly what was clicked, and the sitting is handed in.
        JsonObject sheet = ok(room.admin.get("/api/sittings/" + zhang.sittingId() + "/answer-sheet"), 200);
        assertThat(sheet.getJsonObject("answers").getMap()).isEqualTo(stringKeys(expected));
        JsonObject result =
                ok(room.admin.get("/api/sessions/" + sessionId + "/results"), 200).getJsonArray("results").stream()
                        .map(JsonObject.class::cast)
                        .filter(r -> "张伟".equals(r.getString("fullName")))
                        .findFirst()
                        .orElseThrow();
        assertThat(result.getString("status")).isEqualTo("SUBMITTED");

        // A reload after the hand-in shows the result again, not the paper.
        second.driver.navigate().refresh();
        second.awaitScreen("done");
    }

    @Test
    void answersMadeOfflineStayOnTheMachineAcrossAReloadAndReachTheServerOnceTheNetworkIsBack() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate li = room.addCandidate(sessionId, "李娜", Photos.person(42, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        int seat = checkIn(room, sessionId, li, 42);
        List<String> alerts = alerts(sessionId);
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());

        // The machine was enrolled before (ExamRoom did it): its credential is in local storage.
        Terminal terminal = terminal();
        terminal.open("/terminal.html");
        terminal.awaitScreen("enrol");
        terminal.js(
                "localStorage.setItem(arguments[0], arguments[1])",
                CREDENTIAL_KEY,
                room.terminalAtSeat(seat).credential());
        terminal.driver.navigate().refresh();
        terminal.awaitScreen("confirm");
        terminal.confirmWithTicket(li.ticketNo());
        terminal.awaitScreen("exam");
        terminal.awaitQuestion(1);
        terminal.click("A");
        terminal.awaitChosen("A");
        terminal.awaitAllSaved();
        assertThat(serverAnswers(room, li)).isEqualTo(Map.of("1", "A"));

        // The network goes away: changes are kept on the machine, the indicator counts them. (The
        // autosave endpoint is blocked as well, for later: the block takes a moment to apply.)
        terminal.cdp("Network.enable", Map.of());
        setOffline(terminal, true);
        blockAnswers(terminal, true);
        terminal.goTo(2);
        terminal.click("B");
        terminal.awaitChosen("B");
        terminal.goTo(3);
        terminal.click("A");
        terminal.awaitChosen("A");
        terminal.goTo(2);
        terminal.click("A");
        terminal.awaitChosen("A");
        terminal.goTo(35);
        terminal.click("D");
        terminal.awaitChosen("D");
        terminal.element("#clear-button").click();
        terminal.awaitChosen("");
        terminal.wait.until(d -> "offline".equals(terminal.connState()) && terminal.pending() == 5);
        assertThat(terminal.browser.text(By.id("conn-text"))).contains("5").contains("待保存");
        terminal.screenshot("terminal-offline.png");
        // Handing in is held back while changes are not on the server.
        terminal.element("#submit-button").click();
        assertThat(terminal.visible("submit-pending").getText()).contains("5");
        terminal.element("#submit-cancel").click();
        assertThat(serverAnswers(room, li)).isEqualTo(Map.of("1", "A"));

        // The network is back but autosaves still cannot get through; the page is reloaded meanwhile:
        // the local changes are shown again and are still waiting.
        setOffline(terminal, false);
        terminal.driver.navigate().refresh();
        terminal.awaitScreen("exam");
        terminal.awaitQuestion(35);
        terminal.awaitChosen("");
        terminal.wait.until(d -> terminal.pending() == 5);
        terminal.goTo(2);
        terminal.awaitChosen("A");
        terminal.goTo(3);
        terminal.awaitChosen("A");
        assertThat(terminal.navAttribute(35, "data-answered")).isEqualTo("false");
        assertThat(serverAnswers(room, li)).isEqualTo(Map.of("1", "A"));

        // Autosaves get through again: the outbox drains in order and the server has every change.
        blockAnswers(terminal, false);
        terminal.awaitAllSaved();
        awaitAlert(terminal, alerts, "OFFLINE");
        assertThat(serverAnswers(room, li)).isEqualTo(Map.of("1", "A", "2", "A", "3", "A", "35", ""));
        terminal.screenshot("terminal-back-online.png");

        // The proctors' warning reaches the screen with the next heartbeat.
        ok(
                room.proctor1
                        .client()
                        .post(
                                "/api/sittings/" + li.sittingId() + "/warn",
                                new JsonObject().put("message", "请勿左顾右盼，违者按违纪处理")),
                200);
        terminal.wait.until(ExpectedConditions.textToBe(By.id("warning-text"), "请勿左顾右盼，违者按违纪处理"));
        assertThat(terminal.element("#warning-dialog").isDisplayed()).isTrue();
        terminal.screenshot("terminal-warning.png");
        terminal.element("#warning-ok").click();
        terminal.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("warning-dialog")));

        // A pause stops the clock and the answering; the resume gives both back.
        ok(room.proctor1.client().post("/api/sittings/" + li.sittingId() + "/pause", new JsonObject()), 200);
        terminal.visible("paused-overlay");
        String frozen = terminal.element("#countdown").getText();
        assertThat(terminal.option("A").getDomAttribute("aria-disabled")).isEqualTo("true");
        terminal.screenshot("terminal-paused.png");
        ok(room.proctor1.client().post("/api/sittings/" + li.sittingId() + "/resume", new JsonObject()), 200);
        terminal.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("paused-overlay")));
        assertThat(frozen).matches("\\d\\d:\\d\\d");
        terminal.goTo(36);
        terminal.click("B");
        terminal.awaitChosen("B");
        terminal.awaitAllSaved();
        assertThat(serverAnswers(room, li)).isEqualTo(Map.of("1", "A", "2", "A", "3", "A", "35", "", "36", "B"));

        // A Full HD kiosk screen.
        terminal.screen(1920, 1080);
        terminal.goTo(31);
        terminal.screenshot("terminal-exam-1920.png");
    }

    @Test
    void theServerHandsInAtTheDeadlineAndTheTerminalSaysSo() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        ExamRoom.Candidate wang = room.addCandidate(sessionId, "王芳", Photos.person(43, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        int seat = identify(room, sessionId, wang);

        // The seat's terminal waits while the candidate is still at the door; once the face check
        // admits her, her name appears by itself.
        Terminal terminal = terminal();
        terminal.open("/terminal.html?enrol=" + enrolCode(room, seat));
        terminal.awaitScreen("idle");
        assertThat(terminal.element("#idle-seat").getText()).isEqualTo(seat + " 号");
        terminal.screenshot("terminal-idle.png");
        admit(room, wang, 43);
        terminal.awaitScreen("confirm");
        terminal.wait.until(ExpectedConditions.textToBe(By.id("candidate-name"), "王芳"));
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        terminal.confirmWithTicket(wang.ticketNo());
        terminal.awaitScreen("exam");
        terminal.awaitQuestion(1);
        terminal.click("B");
        terminal.awaitChosen("B");
        terminal.awaitAllSaved();

        // The deadline comes closer (as if the hour had passed): the next heartbeat brings the clock,
        // the page counts down to zero and stops taking answers, and the server hands the paper in.
        TestServer.await(server.server()
                .pool()
                .preparedQuery("UPDATE sitting SET deadline = now() + interval '6 seconds' WHERE id = $1")
                .execute(Tuple.of(wang.sittingId())));
        terminal.wait.until(d -> d.findElement(By.id("countdown")).getText().matches("00:0\\d"));
        terminal.awaitScreen("done");
        assertThat(terminal.element("#done-reason").getText()).contains("考试时间已到");
        assertThat(terminal.element("#done-score").isDisplayed())
                .as("no score when the session does not show it")
                .isFalse();
        terminal.screenshot("terminal-deadline.png");

        assertThat(serverAnswers(room, wang)).isEqualTo(Map.of("1", "B"));
        JsonObject result =
                ok(room.admin.get("/api/sessions/" + sessionId + "/results"), 200).getJsonArray("results").stream()
                        .map(JsonObject.class::cast)
                        .filter(r -> "王芳".equals(r.getString("fullName")))
                        .findFirst()
                        .orElseThrow();
        assertThat(result.getString("submitReason")).isEqualTo("DEADLINE");
    }

    /**
     * One request at a time, so the browser needs one keep-alive connection: a heartbeat that
     * overlapped an autosave made it open a second one, and 10,000 terminals held 20,000 file
     * descriptors on the node. Every API response is held back 400 ms here while the candidate keeps
     * answering, so without the queue heartbeats would overlap autosaves.
     */
    @Test
    void theTerminalSendsOneRequestAtATimeSoItNeedsOneConnection() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-WELD-FUSION", null, false);
        ExamRoom.Candidate li = room.addCandidate(sessionId, "李娜", Photos.person(44, 0));
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        int seat = identify(room, sessionId, li);
        admit(room, li, 44);
        room.moveTo(sessionId, "RUNNING", room.proctor1.client());
        Terminal terminal = terminal();
        terminal.open("/terminal.html?enrol=" + enrolCode(room, seat));
        terminal.awaitScreen("confirm");
        terminal.confirmWithTicket(li.ticketNo());
        terminal.awaitScreen("exam");
        terminal.awaitQuestion(1);

        terminal.js("""
        const original = window.fetch;
        window.__api = { inFlight: 0, most: 0, paths: [] };
        window.fetch = async (path, init) => {
          const api = window.__api;
          api.inFlight++;
          api.most = Math.max(api.most, api.inFlight);
          api.paths.push(String(path));
          try {
            const response = await original(path, init);
            await new Promise(resolve => setTimeout(resolve, 400));
            return response;
          } finally {
            api.inFlight--;
          }
        };""");
        long until = System.currentTimeMillis() + 12_000;
        for (int item = 1; System.currentTimeMillis() < until; item = item % 30 + 1) {
            terminal.goTo(item);
            terminal.awaitQuestion(item);
            terminal.click(item % 2 == 0 ? "A" : "B");
            sleep(300);
        }
        terminal.awaitAllSaved();

        @SuppressWarnings("unchecked")
        Map<String, Object> api = (Map<String, Object>) terminal.js("return window.__api;");
        @SuppressWarnings("unchecked")
        List<String> paths = (List<String>) api.get("paths");
        assertThat(paths.stream().filter(p -> p.endsWith("/api/exam/heartbeat")).count())
                .as("heartbeats sent")
                .isGreaterThanOrEqualTo(2);
        assertThat(paths.stream().filter(p -> p.endsWith("/api/exam/answers")).count())
                .as("autosaves sent")
                .isGreaterThanOrEqualTo(5);
        assertThat(((Number) api.get("most")).intValue())
                .as("API requests in flight at once")
                .isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void setOffline(Terminal terminal, boolean offline) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("offline", offline);
        conditions.put("latency", 0);
        conditions.put("downloadThroughput", -1);
        conditions.put("uploadThroughput", -1);
        terminal.cdp("Network.emulateNetworkConditions", conditions);
    }

    /** Makes the autosave endpoint unreachable (net::ERR_BLOCKED_BY_CLIENT), or reachable again. */
    private void blockAnswers(Terminal terminal, boolean block) {
        List<String> urls = block ? List.of("*/api/exam/answers*") : List.of();
        terminal.cdp("Network.setBlockedURLs", Map.of("urls", urls));
    }

    /** The proctor at the door: ID number, then a live capture of the same person. Returns the seat. */
    private static int checkIn(ExamRoom room, long sessionId, ExamRoom.Candidate candidate, long faceSeed) {
        int seat = identify(room, sessionId, candidate);
        admit(room, candidate, faceSeed);
        return seat;
    }

    private static int identify(ExamRoom room, long sessionId, ExamRoom.Candidate candidate) {
        return ok(
                        room.proctor1
                                .client()
                                .post(
                                        "/api/sessions/" + sessionId + "/checkin/identify",
                                        new JsonObject().put("idNumber", candidate.idNumber())),
                        200)
                .getInteger("seatNo");
    }

    private static void admit(ExamRoom room, ExamRoom.Candidate candidate, long faceSeed) {
        JsonObject admitted = ok(
                room.proctor1
                        .client()
                        .post(
                                "/api/sittings/" + candidate.sittingId() + "/face",
                                new JsonObject()
                                        .put("photo", Base64.getEncoder().encodeToString(Photos.person(faceSeed, 10)))),
                200);
        assertThat(admitted.getBoolean("checkedIn")).as(admitted.encode()).isTrue();
    }

    /** A fresh one-time enrolment code for one seat, as the bureau issues it. */
    private static String enrolCode(ExamRoom room, int seat) {
        return ok(
                        room.admin.post(
                                "/api/rooms/" + room.roomId + "/enrol-codes",
                                new JsonObject().put("fromSeat", seat).put("toSeat", seat)),
                        201)
                .getJsonArray("codes")
                .getJsonObject(0)
                .getString("enrolCode");
    }

    private static Map<String, Object> serverAnswers(ExamRoom room, ExamRoom.Candidate candidate) {
        return ok(room.admin.get("/api/sittings/" + candidate.sittingId() + "/answer-sheet"), 200)
                .getJsonObject("answers")
                .getMap();
    }

    private static Map<String, Object> stringKeys(Map<Integer, String> answers) {
        Map<String, Object> out = new TreeMap<>();
        answers.forEach((item, labels) -> out.put(String.valueOf(item), labels));
        return out;
    }

    private static List<Integer> numbers(String list) {
        return Arrays.stream(list.split("[、,\\s]+"))
                .filter(s -> !s.isBlank())
                .map(Integer::parseInt)
                .toList();
    }
}
