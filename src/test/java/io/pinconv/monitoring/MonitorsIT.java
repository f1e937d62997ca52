package io.pinconv.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monitors over HTTP against the running service, with a webhook stand-in: each condition is said once when it
 * starts and once when it ends, never at each run while it lasts.
 */
@AutoConfigureObservability
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"conversions.demo=false", "spring.security.user.name=ops", "spring.security.user.password=s3cret"
        })
class MonitorsIT {

    static final String TOKEN = "pina_MONITORS-token-5e";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final WireMockServer hook = startHook();
    static final Map<String, String> schemas = new LinkedHashMap<>();

    static WireMockServer startHook() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(WireMock.post("/hook").willReturn(WireMock.ok()));
        return server;
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        TestConfig.destination(p, "pin", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        p.add("conversions.destinations.pin.alert-webhook", () -> "http://localhost:" + hook.port() + "/hook");
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("event_time", "purchased_at");
        mapping.put("action_source", "channel");
        mapping.put("event_id", "order_id");
        mapping.put("email", "email");
        mapping.put("client_ip_address", "ip");
        mapping.put("client_user_agent", "user_agent");
        mapping.put("value", "amount");
        mapping.put("currency", "currency");
        for (String id : List.of("mon-coverage", "mon-late", "mon-rejections", "mon-volume", "mon-glance")) {
            String schema = TestDatabase.newPurchaseSegment();
            schemas.put(id, schema);
            TestDatabase.forget(id);
            TestConfig.activation(p, id, "pin", schema + ".purchase_events", "checkout", TestConfig.NEVER, mapping);
        }
        // a US shop whose rows carry their own country: phones are read in it
        Map<String, String> withPhones = new LinkedHashMap<>(mapping);
        withPhones.put("phone", "phone");
        withPhones.put("country", "country");
        String schema = TestDatabase.newPurchaseSegment();
        schemas.put("mon-rows", schema);
        TestDatabase.forget("mon-rows");
        TestConfig.activation(
                p, "mon-rows", "pin", schema + ".purchase_events", "checkout", TestConfig.NEVER, withPhones);
        p.add("conversions.activations.mon-rows.default-region", () -> "US");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void tearDown() {
        pinterest.stop();
        hook.stop();
        schemas.values().forEach(TestDatabase::dropSchema);
    }

    HttpResponse<String> call(String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode runNow(String activation) throws Exception {
        HttpResponse<String> r = call("POST", "/api/activations/" + activation + "/runs");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode run = JSON.readTree(r.body());
        assertThat(run.get("status").asText()).as(r.body()).isEqualTo("succeeded");
        return run;
    }

    /** The webhook posts about this activation and alert kind, in order: "raised" or "cleared" each. */
    static List<String> posts(String activation, String kind) {
        List<String> states = new ArrayList<>();
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> served = new ArrayList<>(hook.getAllServeEvents());
        // WireMock lists the newest first
        java.util.Collections.reverse(served);
        served.forEach(e -> {
            try {
                JsonNode body = JSON.readTree(e.getRequest().getBodyAsString());
                if (activation.equals(body.path("activation").asText())
                        && kind.equals(body.path("alert").asText())) {
                    states.add(body.path("state").asText());
                }
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        return states;
    }

    static void rows(String activation, String prefix, int n, Function<PurchaseRow, PurchaseRow> shape) {
        Instant at = Instant.now().minus(10, ChronoUnit.MINUTES);
        TestDatabase.insert(
                schemas.get(activation),
                IntStream.range(0, n)
                        .mapToObj(i -> shape.apply(PurchaseRow.valid(prefix + i, at)))
                        .toList());
    }

    /** Waits for the webhook to have been called this many times for this condition, then a moment for a stray one. */
    static void awaitPosts(String activation, String kind, String... states) throws InterruptedException {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> posts(activation, kind).size() >= states.length);
        Thread.sleep(300);
        assertThat(posts(activation, kind)).containsExactly(states);
    }

    @Test
    void eMailsVanishingFromNewRowsAlertOnceAndTheirReturnOnce() throws Exception {
        rows("mon-coverage", "COV-A", 30, r -> r);
        runNow("mon-coverage");
        assertThat(posts("mon-coverage", "coverage_drop")).isEmpty();

        // a release stops writing e-mails: rows still match on IP and user agent, Pinterest takes them all
        rows("mon-coverage", "COV-B", 30, r -> r.withEmail(null));
        JsonNode dropped = runNow("mon-coverage");
        assertThat(dropped.get("delivered").asLong()).isEqualTo(30);
        assertThat(dropped.get("monitors").toString()).contains("coverage_drop", "\"subject\":\"email\"");
        rows("mon-coverage", "COV-C", 30, r -> r.withEmail(null));
        runNow("mon-coverage");
        awaitPosts("mon-coverage", "coverage_drop", "raised");
        String metrics = call("GET", "/actuator/prometheus").body();
        assertThat(metrics)
                .contains(
                        "conversions_monitor_firing{activation=\"mon-coverage\",monitor=\"coverage_drop\",subject=\"email\"} 1.0");
        assertThat(call("GET", "/api/alerts").body()).contains("coverage_drop", "mon-coverage");
        // Camel's own, by route, as docs/operations.md promises
        assertThat(metrics).containsPattern("camel_exchanges_(succeeded_)?total\\{[^}]*routeId=\"run-activation\"");

        rows("mon-coverage", "COV-D", 30, r -> r);
        runNow("mon-coverage");
        awaitPosts("mon-coverage", "coverage_drop", "raised", "cleared");
        assertThat(call("GET", "/api/alerts").body()).doesNotContain("mon-coverage");
    }

    @Test
    void webEventsSentTwoHoursLateAlertOnce() throws Exception {
        rows("mon-late", "LATE-A", 30, r -> r);
        runNow("mon-late");
        rows("mon-late", "LATE-B", 30, r -> r.withPurchasedAt(Instant.now().minus(2, ChronoUnit.HOURS)));
        JsonNode late = runNow("mon-late");
        assertThat(late.get("lateEvents").asLong()).isEqualTo(30);
        rows("mon-late", "LATE-C", 30, r -> r.withPurchasedAt(Instant.now().minus(3, ChronoUnit.HOURS)));
        runNow("mon-late");
        awaitPosts("mon-late", "late_events", "raised");
        rows("mon-late", "LATE-D", 30, r -> r);
        runNow("mon-late");
        awaitPosts("mon-late", "late_events", "raised", "cleared");
    }

    @Test
    void heldBackRowsAlertOnceNotAtEachRunThatReadsThemAgainAndCountOnce() throws Exception {
        rows("mon-rejections", "REJ-OK", 10, r -> r);
        rows("mon-rejections", "REJ-ANON", 20, r -> r.withEmail(null).withIpAndAgent(null, null));
        JsonNode first = runNow("mon-rejections");
        assertThat(first.get("heldBackFirstTime").asLong()).isEqualTo(20);
        // the same 20 rows, read again and held back again: not news
        JsonNode second = runNow("mon-rejections");
        assertThat(second.get("rejected").asLong()).isEqualTo(20);
        assertThat(second.get("heldBackFirstTime").asLong()).isZero();
        awaitPosts("mon-rejections", "rejection_share", "raised");
        // the metric counted each row once; the first run kept its own reasons
        assertThat(call("GET", "/actuator/prometheus").body())
                .contains(
                        "conversions_events_rejected_total{activation=\"mon-rejections\",reason=\"no_identifier\"} 20.0");
        JsonNode history = JSON.readTree(
                call("GET", "/api/activations/mon-rejections/runs").body());
        JsonNode firstAgain = history.get(history.size() - 1);
        assertThat(firstAgain.get("id").asLong()).isEqualTo(first.get("id").asLong());
        assertThat(firstAgain.get("rejectedByReason").toString()).isEqualTo("{\"no_identifier\":20}");

        rows("mon-rejections", "REJ-MORE", 30, r -> r);
        runNow("mon-rejections");
        awaitPosts("mon-rejections", "rejection_share", "raised", "cleared");
    }

    @Test
    void aDailyVolumeUnderItsBaselineAlertsOnce() throws Exception {
        // a week of 100 purchases a day, as earlier runs delivered them
        for (int day = 2; day <= 8; day++) {
            pastRun("mon-volume", Instant.now().minus(day, ChronoUnit.DAYS), 100);
        }
        rows("mon-volume", "VOL-A", 5, r -> r);
        JsonNode run = runNow("mon-volume");
        assertThat(run.get("monitors").toString()).contains("volume_drop");
        awaitPosts("mon-volume", "volume_drop", "raised");
        runNow("mon-volume");
        Thread.sleep(300);
        assertThat(posts("mon-volume", "volume_drop")).containsExactly("raised");

        // the day's volume is back (as a run of this morning delivered it)
        pastRun("mon-volume", Instant.now().minus(3, ChronoUnit.HOURS), 120);
        runNow("mon-volume");
        awaitPosts("mon-volume", "volume_drop", "raised", "cleared");
    }

    @Test
    void repeatedEventIdsAndPhonesOfTheRowsOwnCountryAreSaid() throws Exception {
        Instant at = Instant.now().minus(30, ChronoUnit.MINUTES);
        PurchaseRow first = PurchaseRow.valid("ROWS-DUP", at);
        TestDatabase.insert(
                schemas.get("mon-rows"),
                List.of(
                        first,
                        // the same order id, another amount, read after the first
                        new PurchaseRow(
                                "ROWS-DUP",
                                at.plusSeconds(60),
                                "web",
                                "other@example.com",
                                null,
                                null,
                                null,
                                "US",
                                null,
                                null,
                                new java.math.BigDecimal("99.00"),
                                "usd"),
                        PurchaseRow.valid("ROWS-FR", at).withPhoneAndCountry("06 12 34 56 32", "FR"),
                        PurchaseRow.valid("ROWS-US", at).withPhoneAndCountry("555-0123", "US")));
        JsonNode run = runNow("mon-rows");
        assertThat(run.get("delivered").asLong()).isEqualTo(3);
        assertThat(run.get("duplicateIds").asLong()).isEqualTo(1);
        String warnings = call("GET", "/api/activations/mon-rows/warnings").body();
        assertThat(warnings)
                .contains("ROWS-DUP", "duplicate_event_id", "2 rows of the segment have this event id")
                .contains("ROWS-US", "7 digits that are no number in use in region US");
        assertThat(call("GET", "/actuator/prometheus").body())
                .contains("conversions_events_duplicate_total{activation=\"mon-rows\"} 1.0");

        Map<String, JsonNode> sent = new LinkedHashMap<>();
        pinterest.accepted().forEach(e -> sent.put(e.get("event_id").asText(), e));
        assertThat(sent.get("ROWS-DUP").get("custom_data").get("value").asText())
                .isEqualTo("19.99");
        assertThat(sent.get("ROWS-FR").get("user_data").get("ph").get(0).asText())
                .isEqualTo(io.pinconv.mapping.Hashing.sha256Hex("33612345632"));
        assertThat(sent.get("ROWS-US").get("user_data").has("ph")).isFalse();
    }

    /** What a console shows at a glance comes from the admin API: the last day and week, alerts, each destination. */
    @Test
    void theActivationsAndDestinationsAtAGlance() throws Exception {
        rows("mon-glance", "GLANCE-", 25, r -> r);
        rows("mon-glance", "GLANCE-ANON-", 2, r -> r.withEmail(null).withIpAndAgent(null, null));
        runNow("mon-glance");
        JsonNode activations = JSON.readTree(call("GET", "/api/activations").body());
        JsonNode glance = null;
        for (JsonNode a : activations) {
            if (a.get("id").asText().equals("mon-glance")) {
                glance = a;
            }
        }
        assertThat(glance).isNotNull();
        assertThat(glance.get("state").asText()).isEqualTo("active");
        assertThat(glance.get("lastDay").get("runs").asLong()).isEqualTo(1);
        assertThat(glance.get("lastDay").get("delivered").asLong()).isEqualTo(25);
        assertThat(glance.get("lastDay").get("heldBack").asLong()).isEqualTo(2);
        assertThat(glance.get("lastDay").get("withEmail").asLong()).isEqualTo(25);
        assertThat(glance.get("lastWeek").get("delivered").asLong()).isEqualTo(25);
        assertThat(glance.get("alerts")).isEmpty();

        HttpResponse<String> destinations = call("GET", "/api/destinations");
        assertThat(destinations.body()).doesNotContain(TOKEN);
        JsonNode pin = JSON.readTree(destinations.body()).get(0);
        assertThat(pin.get("id").asText()).isEqualTo("pin");
        assertThat(pin.get("mode").asText()).isEqualTo("live");
        assertThat(pin.get("state").asText()).isEqualTo("sending");
        assertThat(pin.get("circuitBreaker").asText()).isEqualTo("CLOSED");
        assertThat(pin.get("requestsPerMinute").asInt()).isEqualTo(5000);

        // and in Hawtio (JMX, through Jolokia): the activation's health beside its routes
        JsonNode found =
                jolokia("{\"type\":\"search\",\"mbean\":\"io.pinconv:type=activations,name=\\\"mon-glance\\\",*\"}");
        assertThat(found.get("value")).hasSize(1);
        String mbean = found.get("value").get(0).asText();
        JsonNode health = jolokia("{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(mbean) + "}")
                .get("value");
        assertThat(health.get("State").asText()).isEqualTo("active");
        assertThat(health.get("LastRunStatus").asText()).isEqualTo("succeeded");
        assertThat(health.get("DeliveredLastDay").asLong()).isEqualTo(25);
        assertThat(health.get("HeldBackLastDay").asLong()).isEqualTo(2);
        assertThat(health.get("RunsFailedLastDay").asLong()).isZero();
    }

    JsonNode jolokia(String request) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/jolokia"))
                        .POST(HttpRequest.BodyPublishers.ofString(request))
                        .header("Content-Type", "application/json")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("status").asInt()).as(r.body()).isEqualTo(200);
        return answer;
    }

    /** Nothing here is unwell: health says UP to anyone, and its parts to a login. */
    @Test
    void healthIsUpWhenAllIsWell() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.body()).startsWith("{\"status\":\"UP\"");
        assertThat(call("GET", "/actuator/health").body()).contains("\"db\"", "\"state\"", "\"segments\"");
    }

    static void pastRun(String activation, Instant startedAt, long delivered) {
        TestDatabase.jdbc()
                .update(
                        """
                        INSERT INTO conversions.run (activation_id, status, dry_run, started_at, finished_at, delivered,
                            rows_read, match_email, match_ip_user_agent, match_value, match_currency)
                        VALUES (?, 'succeeded', false, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        activation,
                        Timestamp.from(startedAt),
                        Timestamp.from(startedAt.plusSeconds(60)),
                        delivered,
                        delivered,
                        delivered,
                        delivered,
                        delivered,
                        delivered);
    }
}
