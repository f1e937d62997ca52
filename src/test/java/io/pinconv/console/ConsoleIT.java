package io.pinconv.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.support.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console in a real Chromium, over the demo (its own PostgreSQL, the sample segment, a dry-run destination) with
 * a login for each role: what a user sees and may do, through the page alone. Screenshots of each page go to
 * {@code target/console-screenshots} (the README's come from there).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // DemoModeIT's folder: the demo's database is one per JVM, and whichever test class starts it first holds
            // the folder; the other reuses it
            "conversions.demo.data-dir=target/demo-db-it",
            "conversions.demo.clean=true",
            // the demo's login, demo, is the admin; one of each other role
            "conversions.security.users.vera.password=vera-s3cret",
            "conversions.security.users.vera.role=viewer",
            "conversions.security.users.otto.password=otto-s3cret",
            "conversions.security.users.otto.role=operator"
        })
class ConsoleIT {

    private static final String ACTIVATION = "demo-purchases";
    private static final Path SHOTS = Path.of("target/console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private Browser browser;
    String testName;

    @BeforeEach
    void name(TestInfo info) {
        testName = info.getDisplayName();
    }

    /** Started on first use: a test of plain HTTP runs without Chromium. */
    private Browser browser() {
        if (browser == null) {
            browser = Browser.start(1280, 900);
        }
        return browser;
    }

    @AfterEach
    void closeBrowserAndResume() throws Exception {
        // a test that failed between pause and resume must not leave the demo paused for the others
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/api/activations/" + ACTIVATION + "/resume"))
                                .header("Authorization", "Basic ZGVtbzpkZW1v") // demo:demo
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        if (browser != null) {
            String log = browser.consoleLog();
            System.out.println("browser console during " + testName + ":\n" + log);
            browser.close();
            browser = null;
            assertThat(log)
                    .as("no script error and nothing the Content-Security-Policy refused")
                    .doesNotContain("Uncaught")
                    .doesNotContain("Refused to")
                    .doesNotContain("Content Security Policy");
        }
    }

    @Test
    void aViewerSeesTheActivationsHealthAndRunsAndNoActionAndTheServerRefusesOne() {
        waitForAFinishedRun();
        logIn("vera", "vera-s3cret");
        assertThat(text("#who-role")).isEqualToIgnoringCase("viewer");

        WebElement row = waitFor("#activations tr[data-activation='" + ACTIVATION + "']");
        WebElement health = row.findElement(By.cssSelector(".health"));
        assertThat(health.getAttribute("data-state")).isEqualTo("active");
        assertThat(health.getText()).isEqualTo("running");
        assertThat(row.getText())
                .contains("checkout")
                .contains("succeeded")
                .as("a dry run's events would have been sent, they were not delivered")
                .contains("would have been sent (dry run)")
                .doesNotContain("delivered");
        browser().screenshot(SHOTS.resolve("activations.png"));

        row.findElement(By.linkText(ACTIVATION)).click();
        waitFor("#runs tr.run");
        waitFor("#read-only");
        waitFor("button[data-action='preview']");
        assertThat(browser().driver.findElements(By.cssSelector("button[data-action]")))
                .extracting(e -> e.getAttribute("data-action"))
                .as("a viewer may only preview (and page through runs)")
                .isNotEmpty()
                .allMatch(a -> a.equals("preview") || a.equals("older"));

        // the page shows no button; the API refuses the call anyway, with the viewer's own login
        // (the role's refusal, not the cross-site check's: that one names the origin)
        assertThat(fetchStatus("POST", "/api/activations/" + ACTIVATION + "/runs"))
                .isEqualTo("403 ");
        assertThat(fetchStatus("POST", "/api/activations/" + ACTIVATION + "/pause?reason=x"))
                .isEqualTo("403 ");
        assertThat(fetchStatus("GET", "/api/activations/" + ACTIVATION + "/runs?limit=1"))
                .startsWith("200 [{");

        browser().driver.get(base() + "#/destinations");
        waitFor("#destinations tr[data-destination='demo-dry-run']");
        assertThat(browser().driver.findElements(By.cssSelector("#destinations button")))
                .isEmpty();
    }

    @Test
    void anOperatorRunsAnActivationNowAndSeesTheRunListedWithItsRejectionsByReason() {
        waitForAFinishedRun();
        logIn("otto", "otto-s3cret");
        assertThat(text("#who-role")).isEqualToIgnoringCase("operator");
        browser().driver.get(base() + "#/activations/" + ACTIVATION);
        waitFor("#runs tr.run");
        waitFor("#runs-chart canvas");
        List<String> before = runIds();

        long runId = runNow();
        assertThat(before).doesNotContain(String.valueOf(runId));
        WebElement row = waitFor("#runs tr.run[data-run='" + runId + "']");
        assertThat(row.getText()).contains("succeeded").contains("dry run");

        // the run's rejections, by reason, with an example of each
        row.click();
        waitFor("tr.run-detail[data-run='" + runId + "'] .rejections-by-reason li[data-reason]");
        List<WebElement> reasons = browser()
                .driver
                .findElements(By.cssSelector("tr.run-detail[data-run='" + runId + "'] .rejections-by-reason > li"));
        assertThat(reasons)
                .extracting(e -> e.getAttribute("data-reason"))
                .containsExactly("action_source_invalid", "event_time_too_old", "no_identifier");
        assertThat(reasons.get(1).getText()).contains("event_time_too_old: 1").contains("DEMO-1004");
        assertThat(browser().driver.findElement(By.id("page")).getText())
                .doesNotContain("[object")
                .as("never clear-text personal data")
                .doesNotContainIgnoringCase("carol@example.com")
                .doesNotContainIgnoringCase("alice.martin@example.com");
        browser().driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", row);
        browser().screenshot(SHOTS.resolve("run.png"));

        // pause, then resume, from the page
        click("button[data-action='pause']");
        waitFor("dialog#ask input").sendKeys("checking the segment");
        click("dialog#ask button[data-action='confirm']");
        waitFor("button[data-action='resume']");
        assertThat(text("#activation-title .health")).isEqualTo("paused");
        click("button[data-action='resume']");
        waitFor("button[data-action='pause']");
        assertThat(text("#activation-title .health")).isEqualTo("running");
    }

    @Test
    void theHeldBackRowsAndThePreviewShowReasonsAndHashesNotPersonalData() {
        waitForAFinishedRun();
        logIn("vera", "vera-s3cret");
        browser().driver.get(base() + "#/activations/" + ACTIVATION);
        waitFor("#held-back-table tr[data-reason='no_identifier']");
        click("button[data-action='preview']");
        waitFor("#preview-table");
        String preview = browser().driver.findElement(By.id("preview")).getText();
        assertThat(preview).contains("DEMO-1001").contains("hold back").contains("event_time_too_old");
        browser().driver.findElement(By.cssSelector("#preview summary")).click();
        String body =
                browser().driver.findElement(By.cssSelector("#preview pre")).getText();
        assertThat(body).contains("\"em\"").doesNotContainIgnoringCase("alice.martin@example.com");
        assertThat(browser().driver.findElement(By.tagName("body")).getText())
                .as("no clear-text personal data anywhere on the page")
                .doesNotContainIgnoringCase("example.com")
                .doesNotContain("203.0.113.10")
                .doesNotContain("(415)")
                .doesNotContain("14155550100")
                .doesNotContain("Martin");
    }

    @Test
    void anAdminSeesTheDestinationsAndCanTestTheConnection() {
        logIn("demo", "demo");
        assertThat(text("#who-role")).isEqualToIgnoringCase("admin");
        click("#nav a[data-page='destinations']");
        WebElement row = waitFor("#destinations tr[data-destination='demo-dry-run']");
        assertThat(row.getText()).contains("dry run").contains("sending").contains("CLOSED");
        browser().screenshot(SHOTS.resolve("destinations.png"));
        row.findElement(By.cssSelector("button[data-action='test']")).click();
        browser()
                .waiting(WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "demo-dry-run"));
    }

    @Test
    void aWrongPasswordIsSaidOnThePageAndLoggingOutAsksAgain() {
        browser().driver.get(base());
        waitFor("#login-name").sendKeys("otto");
        browser().driver.findElement(By.id("login-password")).sendKeys("wrong");
        click("#login-submit");
        browser()
                .waiting(WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not a login"));
        logIn("otto", "otto-s3cret");
        click("#logout");
        waitFor("#login-form");
        assertThat(browser().driver.findElement(By.id("page")).isDisplayed()).isFalse();
    }

    @Test
    void onAPhoneTheOverviewFitsTheScreen() {
        waitForAFinishedRun();
        browser = Browser.start(390, 844);
        logIn("vera", "vera-s3cret");
        waitFor("#activations tr[data-activation='" + ACTIVATION + "']");
        Object overflow = browser()
                .driver
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("no sideways scrolling").isLessThanOrEqualTo(0);
        browser().screenshot(SHOTS.resolve("phone.png"));
    }

    /** A history of thousands of runs: the page reads a page of runs and one chart query, not every run. */
    @Test
    void anActivationWithThousandsOfRunsOpensWithItsChart() {
        waitForAFinishedRun();
        // a week of runs every 2 minutes, up to an hour ago, busier by day than by night; then the demo's own runs
        Instant start = Instant.now().minus(Duration.ofHours(1)).minus(Duration.ofMinutes(2L * 5000));
        jdbc.batchUpdate(
                """
                INSERT INTO conversions.run (activation_id, status, dry_run, test_mode, node, started_at, finished_at,
                                             rows_read, delivered, rejected, match_email, started_by, failure)
                VALUES (?, ?, true, false, 'console-it', ?, ?, ?, ?, ?, ?, 'schedule',
                        CASE WHEN ? = 'failed' THEN 'Pinterest answered 503 after every retry' END)""",
                java.util.stream.IntStream.range(0, 5000)
                        .mapToObj(i -> {
                            Instant at = start.plus(Duration.ofMinutes(2L * i));
                            double hour = at.atZone(java.time.ZoneOffset.UTC).getHour();
                            int delivered = (int) (60 + 45 * Math.sin((hour - 9) / 24 * 2 * Math.PI)) + i % 11;
                            int held = i % 97 < 3 ? 30 + i % 7 : i % 4;
                            return new Object[] {
                                ACTIVATION,
                                // one run in 500 failed
                                i % 500 == 7 ? "failed" : "succeeded",
                                Timestamp.from(at),
                                Timestamp.from(at.plusMillis(800 + 15L * delivered)),
                                delivered + held,
                                delivered,
                                held,
                                delivered * 4 / 5,
                                i % 500 == 7 ? "failed" : "succeeded"
                            };
                        })
                        .toList());
        try {
            logIn("vera", "vera-s3cret");
            long t0 = System.nanoTime();
            browser().driver.get(base() + "#/activations/" + ACTIVATION);
            waitFor("#runs-chart canvas");
            waitFor("#runs tr.run");
            System.out.printf(
                    "console: activation page with %d runs shown in %d ms%n",
                    jdbc.queryForObject(
                            "SELECT count(*) FROM conversions.run WHERE activation_id = ?", Long.class, ACTIVATION),
                    (System.nanoTime() - t0) / 1_000_000);
            assertThat(browser().driver.findElements(By.cssSelector("#runs tr.run")))
                    .hasSize(20);
            browser().screenshot(SHOTS.resolve("activation.png"));
            List<String> newest = runIds();
            click("button[data-action='older']");
            browser().waiting(WAIT).until(d -> {
                List<String> older = runIds();
                return older.size() == 20 && older.stream().noneMatch(newest::contains);
            });

            // the failed runs alone, among thousands: ten of them, each saying why
            new org.openqa.selenium.support.ui.Select(browser().driver.findElement(By.id("runs-status")))
                    .selectByValue("failed");
            browser().waiting(WAIT).until(d -> {
                List<WebElement> rows = d.findElements(By.cssSelector("#runs tr.run"));
                return rows.size() == 10
                        && rows.stream().allMatch(r -> r.getText().contains("failed"));
            });
            click("#runs tr.run");
            assertThat(waitFor("tr.run-detail").getText()).contains("Pinterest answered 503 after every retry");
        } finally {
            jdbc.update("DELETE FROM conversions.run WHERE node = 'console-it'");
        }
    }

    /**
     * The page is anyone's and holds nothing; the data behind it need a login. The console's own calls get a 401
     * without Basic's challenge (no browser dialog over its form); curl's and a browser's still get it.
     */
    @Test
    void thePageLoadsWithoutALoginAndItsDataDoNot() throws Exception {
        HttpResponse<String> page = http("/console/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("console.js");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("script-src 'self'").contains("default-src 'none'"));

        HttpResponse<String> fromConsole = http("/api/me", null, "X-Requested-With", "XMLHttpRequest");
        assertThat(fromConsole.statusCode()).isEqualTo(401);
        assertThat(fromConsole.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(fromConsole.body()).contains("log in");
        HttpResponse<String> fromCurl = http("/api/me", null);
        assertThat(fromCurl.statusCode()).isEqualTo(401);
        assertThat(fromCurl.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    }

    /** The console pages through runs with ?before=<run id> and filters them by status: a wrong one says what it takes. */
    @Test
    void aPageOfRunsBeforeARunThatIsNotTheActivationsOrOfAnUnknownStatusSaysWhatItTakes() throws Exception {
        Map<String, String> answers = Map.of(
                "before=abc", "the parameter 'before' takes a whole number, not 'abc'",
                "before=987654321", "activation 'demo-purchases' has no run 987654321",
                "status=broken", "status= takes one of running, succeeded, failed, abandoned, not 'broken'");
        for (Map.Entry<String, String> c : answers.entrySet()) {
            HttpResponse<String> r = http("/api/activations/" + ACTIVATION + "/runs?" + c.getKey(), "demo:demo");
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(r.body()).contains(c.getValue());
        }
    }

    /** A GET of the service, as curl makes it: with a login ("name:password") or none, and headers. */
    private HttpResponse<String> http(String path, String login, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (login != null) {
            request.header(
                    "Authorization",
                    "Basic " + java.util.Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------- steps a user takes ----------

    private String base() {
        return "http://127.0.0.1:" + port + "/console/";
    }

    private void logIn(String name, String password) {
        browser().driver.get(base());
        if (!browser().driver.findElements(By.id("logout")).isEmpty()
                && browser().driver.findElement(By.id("logout")).isDisplayed()) {
            click("#logout");
        }
        WebElement field = waitFor("#login-name");
        field.clear();
        field.sendKeys(name);
        browser().driver.findElement(By.id("login-password")).sendKeys(password);
        click("#login-submit");
        browser().waiting(WAIT).until(ExpectedConditions.textToBe(By.id("who-name"), name));
    }

    /** Clicks Run now until a run starts (the demo's own first run may hold the lock) and gives its id. */
    private long runNow() {
        Pattern started = Pattern.compile("Run (\\d+) (succeeded|failed)");
        for (int attempt = 0; attempt < 10; attempt++) {
            click("button[data-action='run']");
            browser().waiting(WAIT).until(d -> {
                String n = d.findElement(By.id("notice")).getText();
                return !n.isBlank() && !n.startsWith("Running");
            });
            String notice = text("#notice");
            Matcher m = started.matcher(notice);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
            assertThat(notice).contains("in progress");
            sleep(500);
        }
        throw new AssertionError("no run started: " + text("#notice"));
    }

    private List<String> runIds() {
        return browser().driver.findElements(By.cssSelector("#runs tr.run")).stream()
                .map(e -> e.getAttribute("data-run"))
                .toList();
    }

    /** "status body" of a call made from the page, as its script makes them, with the login it holds. */
    private String fetchStatus(String method, String path) {
        Object answer = browser().driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(location.origin + arguments[1], {method: arguments[0], credentials: 'omit',
                      headers: {Authorization: sessionStorage.getItem('pinconv.login'), 'X-Requested-With': 'XMLHttpRequest'}})
                  .then(r => r.text().then(t => done(r.status + ' ' + t)), e => done(String(e)));""", method, path);
        String text = String.valueOf(answer);
        assertThat(text).as("not the cross-site refusal").doesNotContain("origin");
        return text.startsWith("403 ") ? "403 " : text;
    }

    private void waitForAFinishedRun() {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM conversions.run WHERE activation_id = ? AND status = 'succeeded'",
                                Long.class,
                                ACTIVATION)
                        > 0);
    }

    private WebElement waitFor(String css) {
        try {
            return browser().waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "not shown: " + css + "\npage: "
                            + browser().driver.findElement(By.tagName("body")).getText() + "\nbrowser console:\n"
                            + browser.consoleLog(),
                    e);
        }
    }

    private void click(String css) {
        WebElement e = browser().waiting(WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
        browser().driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    private String text(String css) {
        return browser().driver.findElement(By.cssSelector(css)).getText();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
