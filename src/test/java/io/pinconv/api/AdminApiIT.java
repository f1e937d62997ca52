package io.pinconv.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The admin API over real HTTP, as curl would use it. */
@org.springframework.boot.test.autoconfigure.actuate.observability
        .AutoConfigureObservability // tests turn metrics export off by default
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"conversions.demo=false", "spring.security.user.name=ops", "spring.security.user.password=s3cret"
        })
class AdminApiIT {

    static final String TOKEN = "pina_API-token";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = TestDatabase.newPurchaseSegment();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Where the destination's alerts are posted, as to a Slack webhook. */
    static final com.github.tomakehurst.wiremock.WireMockServer hook = startHook();

    static com.github.tomakehurst.wiremock.WireMockServer startHook() {
        var server = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig()
                        .dynamicPort());
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/hook")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok()));
        return server;
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestDatabase.forget("api-shop");
        TestConfig.database(p);
        TestConfig.destination(p, "pin", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        p.add("conversions.destinations.pin.alert-webhook", () -> "http://localhost:" + hook.port() + "/hook");
        PurchaseActivation.configure(p, "api-shop", "pin", PurchaseActivation.segment(schema));
        TestConfig.activation(
                p,
                "api-broken",
                "pin",
                schema + ".purchase_events",
                "checkout",
                TestConfig.NEVER,
                Map.of("event_time", "purchased_at", "action_source", "nope", "email", "email"));
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void tearDown() {
        TestDatabase.jdbc().update("DELETE FROM conversions.activation_state WHERE activation_id = 'api-shop'");
        pinterest.stop();
        hook.stop();
        TestDatabase.dropSchema(schema);
    }

    HttpResponse<String> call(String method, String path, String body, boolean login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (login) {
            b.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void withCurlAloneAUserSeesRunsPreviewsPausesAndResumes() throws Exception {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        TestDatabase.insert(
                schema,
                List.of(
                        PurchaseRow.valid("API-1", at),
                        PurchaseRow.valid("API-2", at),
                        PurchaseRow.valid("API-3", at).withChannel("store")));

        assertThat(call("GET", "/api/activations", null, false).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/actuator/hawtio/", null, false).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/actuator/health", null, false).statusCode()).isIn(200, 503);

        JsonNode list = json(call("GET", "/api/activations", null, true));
        assertThat(list.findValuesAsText("id")).contains("api-shop", "api-broken");
        for (JsonNode a : list) {
            if (a.get("id").asText().equals("api-broken")) {
                assertThat(a.get("state").asText()).isEqualTo("misconfigured");
                assertThat(a.get("problems").toString()).contains("nope");
            }
        }

        JsonNode preview = json(call("POST", "/api/activations/api-shop/preview?rows=10", null, true));
        assertThat(preview.get("rows").asInt()).isEqualTo(3);
        assertThat(preview.get("request").asText()).contains("\"em\":[\"").doesNotContain("api-1@example.com");
        assertThat(preview.get("verdicts").toString()).contains("action_source_invalid");
        assertThat(pinterest.requests()).as("a preview sends nothing").isZero();

        JsonNode run = json(call("POST", "/api/activations/api-shop/runs", null, true));
        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        assertThat(run.get("delivered").asInt()).isEqualTo(2);
        assertThat(run.get("rejectedByReason").get("action_source_invalid").asInt())
                .isEqualTo(1);
        assertThat(run.get("matchQuality").get("email").asInt()).isEqualTo(2);
        assertThat(run.get("requestsByStatus").get("200").asInt()).isEqualTo(1);

        JsonNode history = json(call("GET", "/api/activations/api-shop/runs", null, true));
        assertThat(history.get(0).get("id").asLong()).isEqualTo(run.get("id").asLong());

        JsonNode rejections =
                json(call("GET", "/api/activations/api-shop/rejections?reason=action_source_invalid", null, true));
        assertThat(rejections.get("total").asInt()).isEqualTo(1);
        assertThat(rejections.get("rejections").get(0).get("eventId").asText()).isEqualTo("API-3");
        assertThat(rejections.get("rejections").get(0).get("message").asText()).contains("store");

        assertThat(json(call("POST", "/api/activations/api-shop/pause", null, true))
                        .get("state")
                        .asText())
                .isEqualTo("paused");
        assertThat(call("POST", "/api/activations/api-shop/runs", null, true).statusCode())
                .isEqualTo(409);
        assertThat(json(call("GET", "/api/activations", null, true)).toString()).contains("\"state\":\"paused\"");
        assertThat(json(call("POST", "/api/activations/api-shop/resume", null, true))
                        .get("state")
                        .asText())
                .isEqualTo("active");
        assertThat(call("POST", "/api/activations/api-shop/runs", null, true).statusCode())
                .isEqualTo(200);

        assertThat(json(call(
                                "POST",
                                "/api/activations/api-shop/replay",
                                "{\"eventIds\":[\"API-1\"],\"reason\":\"test\"}",
                                true))
                        .get("toResend")
                        .asInt())
                .isEqualTo(1);
        assertThat(json(call("POST", "/api/activations/api-shop/runs", null, true))
                        .get("delivered")
                        .asInt())
                .isEqualTo(1);
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("API-1", "API-2", "API-1");

        assertThat(call("GET", "/api/activations/nope/runs", null, true).statusCode())
                .isEqualTo(404);
        HttpResponse<String> broken = call("POST", "/api/activations/api-broken/runs", null, true);
        assertThat(broken.statusCode())
                .as("configured, but it cannot run until fixed")
                .isEqualTo(409);
        assertThat(broken.body()).contains("misconfigured");

        // Prometheus metrics, behind the same login
        assertThat(call("GET", "/actuator/prometheus", null, false).statusCode())
                .isEqualTo(401);
        String metrics = call("GET", "/actuator/prometheus", null, true).body();
        assertThat(metrics)
                .contains("conversions_events_delivered_total{activation=\"api-shop\"} 3.0")
                .contains("conversions_events_rejected_total{activation=\"api-shop\",reason=\"action_source_invalid\"}")
                .contains("conversions_requests_seconds_count{destination=\"pin\",status=\"200\"}")
                .contains("conversions_rate_limiter_wait_seconds_count")
                .contains("conversions_circuit_state{destination=\"pin\",state=\"closed\"} 1")
                .contains("conversions_circuit_state{destination=\"pin\",state=\"open\"} 0")
                .doesNotContain(TOKEN);
    }

    @Test
    void replayInputsAreBoundedAndEveryMistakeSaysWhatToWrite() throws Exception {
        String many = JSON.writeValueAsString(Map.of(
                "eventIds",
                java.util.stream.IntStream.range(0, 70_000)
                        .mapToObj(i -> "NOPE-" + i)
                        .toList()));
        HttpResponse<String> tooMany = call("POST", "/api/activations/api-shop/replay", many, true);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).get("error").asText())
                .contains("at most 10,000 eventIds per call")
                .contains("70,000");

        String atTheLimit = JSON.writeValueAsString(Map.of(
                "eventIds",
                java.util.stream.IntStream.range(0, 10_000)
                        .mapToObj(i -> "NOPE-" + i)
                        .toList(),
                "reason",
                "bulk"));
        HttpResponse<String> limit = call("POST", "/api/activations/api-shop/replay", atTheLimit, true);
        assertThat(limit.statusCode()).as(limit.body()).isEqualTo(200);
        assertThat(json(limit).get("toResend").asInt()).isZero();

        HttpResponse<String> yesterday = call(
                "POST",
                "/api/activations/api-shop/replay",
                "{\"from\": \"yesterday\", \"to\": \"2026-12-01T00:00:00Z\"}",
                true);
        assertThat(yesterday.statusCode()).isEqualTo(400);
        assertThat(json(yesterday).get("error").asText())
                .isEqualTo("from must be an ISO-8601 instant, e.g. 2026-11-30T00:00:00Z");

        for (String body : List.of(
                "{\"eventIds\": \"API-1\"}",
                "{\"eventIds\": [{\"id\": 1}]}",
                "{\"from\": 5, \"to\": true}",
                "{\"eventIds\": [\"API-1\"], \"reason\": {\"why\": 1}}",
                "{}",
                "[\"API-1\"]",
                "not json",
                "")) {
            HttpResponse<String> r = call("POST", "/api/activations/api-shop/replay", body, true);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(json(r).get("error").asText()).as(body).isNotBlank();
        }

        HttpResponse<String> longReason = call(
                "POST",
                "/api/activations/api-shop/replay",
                JSON.writeValueAsString(Map.of("eventIds", List.of("API-1"), "reason", "r".repeat(501))),
                true);
        assertThat(longReason.statusCode()).isEqualTo(400);
        assertThat(json(longReason).get("error").asText()).contains("at most 500 characters");
    }

    @Test
    void aPauseReasonForgesNoLogLineAndMentionsNoOneOnSlack() throws Exception {
        try {
            String reason =
                    "ok\n2026-12-01T00:00:00.000Z ERROR 1 --- [main] io.pinconv.alerts : forged <!channel> <@U123> & co";
            HttpResponse<String> paused = call(
                    "POST",
                    "/api/activations/api-shop/pause?reason="
                            + java.net.URLEncoder.encode(reason, StandardCharsets.UTF_8),
                    null,
                    true);
            assertThat(paused.statusCode()).isEqualTo(200);

            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> hook.getAllServeEvents().stream()
                            .anyMatch(e -> e.getRequest().getBodyAsString().contains("forged")));
            String posted = hook.getAllServeEvents().stream()
                    .map(e -> e.getRequest().getBodyAsString())
                    .filter(b -> b.contains("activation_paused") && b.contains("\"state\":\"raised\""))
                    .findFirst()
                    .orElseThrow();
            String text = JSON.readTree(posted).get("text").asText();
            assertThat(text)
                    .isEqualTo("Activation 'api-shop' was paused: ok 2026-12-01T00:00:00.000Z ERROR 1 --- [main]"
                            + " io.pinconv.alerts : forged &lt;!channel&gt; &lt;@U123&gt; &amp; co");
            assertThat(TestDatabase.jdbc()
                            .queryForObject(
                                    "SELECT reason FROM conversions.activation_state WHERE activation_id = 'api-shop'",
                                    String.class))
                    .doesNotContain("\n")
                    .startsWith("ok 2026-12-01");

            HttpResponse<String> tooLong =
                    call("POST", "/api/activations/api-shop/pause?reason=" + "r".repeat(501), null, true);
            assertThat(tooLong.statusCode()).isEqualTo(400);
            assertThat(json(tooLong).get("error").asText())
                    .isEqualTo("reason is too long: at most 500 characters (found 501)");
        } finally {
            call("POST", "/api/activations/api-shop/resume", null, true);
        }
    }
}
