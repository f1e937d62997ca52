package io.pinconv.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.pinconv.delivery.DestinationBreakers;
import io.pinconv.monitoring.EventQuality;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.AdjustableClock;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The destinations' checks over real HTTP, as an operator would use them with curl: the connection test telling a wrong
 * ad account and a refused token before any run, resuming a paused destination at once, and Pinterest's Event Quality
 * Score (from the stand-in, answering as openapi.yaml says) kept, shown, exported and alerted on when it worsens. No
 * token, access or OAuth, ever reaches the log or an answer.
 */
@ExtendWith(OutputCaptureExtension.class)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "conversions.demo=false",
            "spring.security.user.name=ops",
            "spring.security.user.password=s3cret",
            "conversions.delivery.refused-token-cooldown=PT1H",
            // the daily fetch is driven by the test (fetchDue), not by the schedule
            "conversions.event-quality.check-every=PT1H"
        })
@Import(AdjustableClock.Config.class)
class DestinationChecksIT {

    static final String TOKEN = "pina_CHECKS-conversion-token-9f8e";
    static final String OAUTH = "pina_CHECKS-oauth-ads-read-7c6d";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = TestDatabase.newPurchaseSegment();
    static final String account = TestDatabase.newAdAccount();
    static final String otherAccount = TestDatabase.newAdAccount();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final WireMockServer hook = startHook();

    static WireMockServer startHook() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(WireMock.post("/hook").willReturn(WireMock.ok()));
        return server;
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestDatabase.forget("checks-shop");
        TestConfig.database(p);
        p.add(
                "conversions.security.users.vic.password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder().encode("v1ewer-pass"));
        p.add("conversions.security.users.vic.role", () -> "viewer");
        TestConfig.destination(p, "chk-pin", account, TOKEN, pinterest.baseUrl());
        p.add("conversions.destinations.chk-pin.oauth-token", () -> OAUTH);
        p.add("conversions.destinations.chk-pin.alert-webhook", () -> "http://localhost:" + hook.port() + "/hook");
        // an ad account the token cannot reach
        TestConfig.destination(p, "chk-wrong", otherAccount, TOKEN, pinterest.baseUrl());
        TestConfig.destination(p, "chk-dry", account, TOKEN, pinterest.baseUrl());
        p.add("conversions.destinations.chk-dry.dry-run", () -> "true");
        PurchaseActivation.configure(p, "checks-shop", "chk-pin", PurchaseActivation.segment(schema));
    }

    @LocalServerPort
    int port;

    @Autowired
    AdjustableClock clock;

    @Autowired
    DestinationBreakers breakers;

    @Autowired
    EventQuality eventQuality;

    /** Every answer the API gave in a test: none may hold a token. */
    final List<String> answers = new ArrayList<>();

    @BeforeEach
    void clean() {
        pinterest.reset();
        pinterest.onlyAdAccounts(account);
        pinterest.acceptOAuthToken(OAUTH);
        hook.resetRequests();
        breakers.reset("chk-pin");
        TestDatabase.jdbc().update("DELETE FROM conversions.destination_state WHERE destination_id LIKE 'chk-%'");
        TestDatabase.jdbc().update("DELETE FROM conversions.event_quality WHERE destination_id LIKE 'chk-%'");
        TestDatabase.jdbc().update("DELETE FROM conversions.event_quality_fetch WHERE destination_id LIKE 'chk-%'");
        TestDatabase.jdbc().update("DELETE FROM conversions.alert_open WHERE owner_id LIKE 'chk-%'");
    }

    @AfterEach
    void noTokenAnywhere(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain(TOKEN).doesNotContain(OAUTH);
        assertThat(answers).noneMatch(a -> a.contains(TOKEN) || a.contains(OAUTH));
        assertThat(hook.getAllServeEvents())
                .noneMatch(e -> e.getRequest().getBodyAsString().contains(TOKEN)
                        || e.getRequest().getBodyAsString().contains(OAUTH));
        assertThat(pinterest.violations()).isEmpty();
    }

    @AfterAll
    static void tearDown() {
        TestDatabase.jdbc().update("DELETE FROM conversions.alert_open WHERE owner_id LIKE 'chk-%'");
        pinterest.stop();
        hook.stop();
        TestDatabase.dropSchema(schema);
    }

    HttpResponse<String> call(String method, String path, String login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (login != null) {
            b.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        answers.add(r.body());
        return r;
    }

    HttpResponse<String> ops(String method, String path) throws Exception {
        return call(method, path, "ops:s3cret");
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static long posted(String alert, String state) {
        return hook.getAllServeEvents().stream()
                .map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("\"alert\":\"" + alert + "\"") && b.contains("\"state\":\"" + state + "\""))
                .count();
    }

    @Test
    void theTestTellsAWrongAdAccountAndARefusedTokenBeforeAnyRun() throws Exception {
        HttpResponse<String> wrong = ops("POST", "/api/destinations/chk-wrong/test");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(json(wrong).get("connection").asText()).isEqualTo("failed");
        assertThat(json(wrong).get("status").asInt()).isEqualTo(403);
        assertThat(json(wrong).get("message").asText())
                .contains("the ad account " + otherAccount + " is not reachable with this token")
                .contains("You are not permitted to access that resource")
                .contains("check ad-account-id, or give the token access to it");

        JsonNode ok = json(ops("POST", "/api/destinations/chk-pin/test"));
        assertThat(ok.get("connection").asText()).isEqualTo("ok");
        assertThat(ok.get("message").asText()).contains("Pinterest accepted a test event for ad account " + account);

        pinterest.acceptToken("pina_some-other-token");
        JsonNode refused = json(ops("POST", "/api/destinations/chk-pin/test"));
        assertThat(refused.get("connection").asText()).isEqualTo("failed");
        assertThat(refused.get("status").asInt()).isEqualTo(401);
        assertThat(refused.get("message").asText())
                .contains("Pinterest refused the access token")
                .contains("Authentication failed")
                .contains("conversions.destinations.chk-pin.access-token");

        JsonNode dry = json(ops("POST", "/api/destinations/chk-dry/test"));
        assertThat(dry.get("connection").asText()).isEqualTo("not tested");
        assertThat(dry.get("message").asText()).isEqualTo("dry run: not tested");

        // three requests with test=true, each one synthetic event; no delivery, no run
        assertThat(pinterest.connectionTests()).isEqualTo(3);
        assertThat(pinterest.requests()).isZero();
        assertThat(pinterest.acceptedIds()).isEmpty();
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.run WHERE activation_id = 'checks-shop'", Long.class))
                .isZero();
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.delivered_event WHERE ad_account_id = ?",
                                Long.class,
                                account))
                .isZero();

        JsonNode health = json(ops("GET", "/actuator/health")).at("/components/destinations/details");
        assertThat(health.at("/chk-pin/connection").asText()).isEqualTo("failed");
        assertThat(health.at("/chk-pin/connectionMessage").asText()).contains("refused the access token");
        assertThat(health.at("/chk-pin/connectionTestedAt").asText()).isNotBlank();
        assertThat(health.at("/chk-wrong/connection").asText()).isEqualTo("failed");
        assertThat(health.at("/chk-dry/connection").asText()).isEqualTo("not tested");
        assertThat(health.at("/chk-dry/connectionMessage").asText()).isEqualTo("dry run: not tested");

        assertThat(ops("POST", "/api/destinations/nope/test").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/destinations/chk-pin/test", "vic:v1ewer-pass")
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/destinations/chk-pin/test", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void resumeTestsThePausedDestinationAndDeliveryRestartsAtOnce() throws Exception {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        TestDatabase.insert(
                schema,
                List.of(
                        PurchaseRow.valid("CHK-1", at),
                        PurchaseRow.valid("CHK-2", at),
                        PurchaseRow.valid("CHK-3", at)));
        pinterest.acceptToken("pina_some-other-token");
        JsonNode failed = json(ops("POST", "/api/activations/checks-shop/runs"));
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(paused()).isTrue();

        // still refused: the destination stays paused
        HttpResponse<String> stays = ops("POST", "/api/destinations/chk-pin/resume");
        assertThat(stays.statusCode()).isEqualTo(409);
        assertThat(json(stays).get("error").asText()).contains("stays paused").contains("refused the access token");
        assertThat(paused()).isTrue();
        assertThat(json(ops("POST", "/api/activations/checks-shop/runs"))
                        .get("status")
                        .asText())
                .isEqualTo("failed");

        // the token is given access again (a new grant, the same token): resumed now, not after the cool-down
        pinterest.acceptToken(TOKEN);
        breakers.find("chk-pin").orElseThrow().transitionToOpenState();
        HttpResponse<String> resumed = ops("POST", "/api/destinations/chk-pin/resume");
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(json(resumed).get("resumed").asBoolean()).isTrue();
        assertThat(json(resumed).get("wasPaused").asBoolean()).isTrue();
        assertThat(json(resumed).get("connection").asText()).isEqualTo("ok");
        assertThat(paused()).isFalse();
        assertThat(breakers.state("chk-pin")).hasValue("CLOSED");

        JsonNode run = json(ops("POST", "/api/activations/checks-shop/runs"));
        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("CHK-1", "CHK-2", "CHK-3");
        assertThat(pinterest.connectionTests()).isEqualTo(2);

        // the service's own match quality beside Pinterest's score
        JsonNode service = json(ops("GET", "/api/destinations/chk-pin/quality")).get("service");
        assertThat(service.get("activations")).extracting(JsonNode::asText).containsExactly("checks-shop");
        assertThat(service.at("/14d/delivered").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(service.at("/14d/carried/email/events").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void pinterestsQualityScoreIsKeptShownExportedAndAlertedOnWhenItWorsens() throws Exception {
        pinterest.eqs("1d", PinterestStandIn.eqsScore("1d", "GOOD", 85, 90));
        pinterest.eqs("14d", PinterestStandIn.eqsScore("14d", "GOOD", 80, 90));

        HttpResponse<String> fetched = ops("POST", "/api/destinations/chk-pin/quality");
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(pinterest.eqsQueries())
                .containsExactly(
                        "lookback_period=1d&ingestion_source=CONVERSIONS_API",
                        "lookback_period=14d&ingestion_source=CONVERSIONS_API");
        JsonNode quality = json(call("GET", "/api/destinations/chk-pin/quality", "vic:v1ewer-pass"));
        assertThat(quality.at("/pinterest/latest")).hasSize(2);
        assertThat(quality.at("/pinterest/latest"))
                .extracting(r -> r.get("lookbackPeriod").asText() + " "
                        + r.get("overallStatus").asText())
                .containsExactlyInAnyOrder("1d GOOD", "14d GOOD");
        assertThat(quality.at("/pinterest/latest/0/qualityComponents/hashed_email/checkout/coverage")
                        .isNumber())
                .isTrue();
        assertThat(quality.at("/pinterest/lastFetchedAt").asText()).isNotBlank();

        // the 14-day rating falls: one alert, however often it is fetched while it lasts
        pinterest.eqs("14d", PinterestStandIn.eqsScore("14d", "FAIR", 30, 90));
        assertThat(ops("POST", "/api/destinations/chk-pin/quality").statusCode())
                .isEqualTo(200);
        assertThat(ops("POST", "/api/destinations/chk-pin/quality").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> posted("event_quality", "raised") == 1);
        assertThat(hook.getAllServeEvents())
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString())
                        .contains("\"alert\":\"event_quality\"")
                        .contains("fell from GOOD to FAIR")
                        .contains("14d")
                        .contains("Low coverage"));
        assertThat(json(ops("GET", "/api/alerts")))
                .anySatisfy(
                        a -> assertThat(a.toString()).contains("event_quality").contains("chk-pin"));
        assertThat(json(ops("GET", "/api/destinations/chk-pin/quality")).at("/pinterest/history"))
                .hasSize(6);

        String metrics = ops("GET", "/actuator/prometheus").body();
        assertThat(metrics)
                .contains(
                        "conversions_event_quality_status{destination=\"chk-pin\",lookback=\"14d\",source_platform=\"WEB\"} 1.0")
                .contains(
                        "conversions_event_quality_status{destination=\"chk-pin\",lookback=\"1d\",source_platform=\"WEB\"} 2.0")
                .contains("conversions_event_quality_coverage{component=\"hashed_email\",destination=\"chk-pin\","
                        + "event_type=\"checkout\",lookback=\"14d\",source_platform=\"WEB\"} 30.0");

        // back to GOOD: the condition clears, once
        pinterest.eqs("14d", PinterestStandIn.eqsScore("14d", "GOOD", 80, 90));
        ops("POST", "/api/destinations/chk-pin/quality");
        await().atMost(Duration.ofSeconds(5)).until(() -> posted("event_quality", "cleared") == 1);
        ops("POST", "/api/destinations/chk-pin/quality");
        Thread.sleep(300);
        assertThat(posted("event_quality", "raised")).isEqualTo(1);
        assertThat(posted("event_quality", "cleared")).isEqualTo(1);

        // once a day: the scheduled check fetches only when the day is over
        int before = pinterest.eqsQueries().size();
        eventQuality.fetchDue();
        assertThat(pinterest.eqsQueries()).hasSize(before);
        clock.advance(Duration.ofHours(25));
        try {
            eventQuality.fetchDue();
            assertThat(pinterest.eqsQueries()).hasSize(before + 2);
            eventQuality.fetchDue();
            assertThat(pinterest.eqsQueries()).hasSize(before + 2);
        } finally {
            clock.advance(Duration.ofHours(-25));
        }
    }

    @Test
    void aRefusedOAuthTokenOrNoneIsSaidWithWhatToDo() throws Exception {
        pinterest.acceptOAuthToken("pina_another-oauth-token");
        HttpResponse<String> refused = ops("POST", "/api/destinations/chk-pin/quality");
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(json(refused).get("error").asText())
                .contains("Pinterest refused the oauth-token of destination 'chk-pin'")
                .contains("401");
        assertThat(json(ops("GET", "/api/destinations/chk-pin/quality"))
                        .at("/pinterest/lastError")
                        .asText())
                .contains("refused the oauth-token");

        HttpResponse<String> none = ops("POST", "/api/destinations/chk-wrong/quality");
        assertThat(none.statusCode()).isEqualTo(409);
        assertThat(json(none).get("error").asText()).contains("conversions.destinations.chk-wrong.oauth-token");
        assertThat(ops("GET", "/api/destinations/nope/quality").statusCode()).isEqualTo(404);
    }

    private static boolean paused() {
        return TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.destination_state WHERE destination_id = 'chk-pin'",
                                Long.class)
                > 0;
    }
}
