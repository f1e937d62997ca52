package io.pinconv.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.activation.ActivationRunner;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.Browser;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the console says of activations that are not well, in Chromium: one that runs, one whose destination's
 * token Pinterest refuses (failing, its destination paused and why) and one misconfigured (with what to fix).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "conversions.demo=false",
            "spring.security.user.name=ada",
            "spring.security.user.password=ada-s3cret"
        })
class ConsoleHealthIT {

    static final PinterestStandIn pinterest = new PinterestStandIn("tok-console");
    static final String schema = TestDatabase.newPurchaseSegment();
    static final String REVOKED_TOKEN = "pina_REVOKED_7c1e";
    static final List<String> ACTIVATIONS = List.of("console-sends", "console-refused", "console-misspelt");

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        TestConfig.destination(p, "console-shop", TestDatabase.newAdAccount(), "tok-console", pinterest.baseUrl());
        TestConfig.destination(p, "console-revoked", TestDatabase.newAdAccount(), REVOKED_TOKEN, pinterest.baseUrl());
        Map<String, String> mapping =
                Map.of("event_time", "purchased_at", "action_source", "channel", "email", "email");
        String segment = schema + ".purchase_events";
        TestConfig.activation(p, "console-sends", "console-shop", segment, "lead", TestConfig.NEVER, mapping);
        TestConfig.activation(p, "console-refused", "console-revoked", segment, "lead", TestConfig.NEVER, mapping);
        TestConfig.activation(
                p,
                "console-misspelt",
                "console-shop",
                segment,
                "lead",
                TestConfig.NEVER,
                Map.of("event_time", "purchased_at", "action_source", "chanel", "email", "email"));
    }

    @AfterAll
    static void cleanUp() {
        TestDatabase.forget(ACTIVATIONS.toArray(String[]::new));
        TestDatabase.jdbc().update("DELETE FROM conversions.destination_state WHERE destination_id LIKE 'console-%'");
        TestDatabase.jdbc().update("DELETE FROM conversions.alert_open WHERE owner_id LIKE 'console-%'");
        TestDatabase.jdbc().update("DELETE FROM conversions.alert_log WHERE owner_id LIKE 'console-%'");
        pinterest.stop();
        TestDatabase.dropSchema(schema);
    }

    @LocalServerPort
    int port;

    @Autowired
    ActivationRunner runner;

    @Test
    void theOverviewTellsRunningFromFailingFromMisconfiguredAndSaysWhy() {
        TestDatabase.insert(
                schema,
                List.of(
                        TestDatabase.PurchaseRow.valid("C-1", Instant.now().minusSeconds(600)),
                        TestDatabase.PurchaseRow.valid("C-2", Instant.now().minusSeconds(300))));
        assertThat(runner.runNow("console-sends").status()).isEqualTo("succeeded");
        runner.runNow("console-refused");

        try (Browser browser = Browser.start(1280, 900)) {
            browser.driver.get("http://127.0.0.1:" + port + "/console");
            browser.waiting(Duration.ofSeconds(20))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("login-name")))
                    .sendKeys("ada");
            browser.driver.findElement(By.id("login-password")).sendKeys("ada-s3cret");
            browser.driver.findElement(By.id("login-submit")).click();

            assertThat(health(browser, "console-sends")).isEqualTo("active");
            assertThat(health(browser, "console-refused")).isEqualTo("failing");
            assertThat(health(browser, "console-misspelt")).isEqualTo("misconfigured");
            WebElement misspelt =
                    browser.driver.findElement(By.cssSelector("#activations tr[data-activation='console-misspelt']"));
            assertThat(misspelt.findElement(By.cssSelector(".problems")).getText())
                    .contains("chanel")
                    .contains("did you mean channel?");
            WebElement sends =
                    browser.driver.findElement(By.cssSelector("#activations tr[data-activation='console-sends']"));
            assertThat(sends.getText()).contains("2 delivered");
            browser.screenshot(java.nio.file.Path.of("target/console-screenshots/health.png"));

            // the destination Pinterest refused: paused, and why
            browser.driver.get("http://127.0.0.1:" + port + "/console/#/destinations");
            WebElement revoked = browser.waiting(Duration.ofSeconds(20))
                    .until(ExpectedConditions.visibilityOfElementLocated(
                            By.cssSelector("#destinations tr[data-destination='console-revoked']")));
            assertThat(revoked.getText()).contains("paused").containsIgnoringCase("token");
            assertThat(revoked.findElements(By.cssSelector("button[data-action='resume-destination']")))
                    .hasSize(1);
            assertThat(browser.driver.findElement(By.tagName("body")).getText())
                    .as("never a token")
                    .doesNotContain(REVOKED_TOKEN)
                    .doesNotContain("tok-console");
        }
    }

    private static String health(Browser browser, String activation) {
        return browser.waiting(Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("#activations tr[data-activation='" + activation + "'] .health")))
                .getAttribute("data-state");
    }
}
