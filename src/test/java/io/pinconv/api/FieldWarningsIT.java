package io.pinconv.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.standin.PinterestStandIn;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12, part 1, over the real routes, PostgreSQL and the Pinterest stand-in: a value that cannot be
 * normalised costs its field, not the conversion, and the user sees what was dropped in the run summary,
 * the log, the metrics and the /warnings endpoint; on-invalid-field: hold keeps the row back as before.
 */
@ExtendWith(OutputCaptureExtension.class)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"conversions.demo=false", "spring.security.user.name=ops", "spring.security.user.password=s3cret"
        })
class FieldWarningsIT {

    static final String TOKEN = "pina_FIELDS-token";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = TestDatabase.newPurchaseSegment();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Map<String, String> MAPPING = Map.of(
            "event_time",
            "purchased_at",
            "action_source",
            "channel",
            "event_id",
            "order_id",
            "email",
            "email",
            "phone",
            "phone",
            "country",
            "country",
            "client_ip_address",
            "ip",
            "client_user_agent",
            "user_agent",
            "value",
            "amount",
            "currency",
            "currency");

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestDatabase.forget("fw-drop", "fw-hold");
        TestConfig.database(p);
        // one ad account each: the ledger of one must not skip the rows of the other
        TestConfig.destination(p, "pin-drop", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        TestConfig.destination(p, "pin-hold", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        String segment = schema + ".purchase_events";
        TestConfig.activation(p, "fw-drop", "pin-drop", segment, "checkout", TestConfig.NEVER, MAPPING);
        TestConfig.activation(p, "fw-hold", "pin-hold", segment, "checkout", TestConfig.NEVER, MAPPING);
        p.add("conversions.activations.fw-hold.on-invalid-field", () -> "hold");
        TestConfig.activation(p, "fw-unknown-policy", "pin-drop", segment, "checkout", TestConfig.NEVER, MAPPING);
        p.add("conversions.activations.fw-unknown-policy.on-invalid-field", () -> "skip");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void tearDown() {
        TestDatabase.forget("fw-drop", "fw-hold");
        pinterest.stop();
        TestDatabase.dropSchema(schema);
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

    JsonNode json(String method, String path) throws Exception {
        HttpResponse<String> r = call(method, path);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void aBadOptionalValueCostsItsFieldNotTheConversionAndTheUserSeesWhatWasDropped(CapturedOutput output)
            throws Exception {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        PurchaseRow ok = PurchaseRow.valid("FW-OK", at);
        TestDatabase.insert(
                schema,
                List.of(
                        ok,
                        // +1 then 9 digits: not valid for +1
                        ok.withOrderId("FW-PHONE-1").withPerson("+1234589947", "Ada", "Lovelace", "US"),
                        ok.withOrderId("FW-PHONE-2").withPerson("123456789", "Ada", "Lovelace", "US"),
                        ok.withOrderId("FW-IP").withIpAndAgent("Some IP address.", "Mozilla/5.0 (X11; Linux x86_64)"),
                        // its email and its IP address are both invalid: nothing left to match on
                        ok.withOrderId("FW-NONE")
                                .withEmail("ada-at-example")
                                .withIpAndAgent("Mozilla/5.0 (X11)", "Mozilla/5.0 (X11)")));

        JsonNode run = json("POST", "/api/activations/fw-drop/runs");

        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        assertThat(run.get("delivered").asInt()).isEqualTo(4);
        assertThat(run.get("rejectedByReason").toString()).isEqualTo("{\"no_identifier\":1}");
        assertThat(run.get("fieldsDropped").toString()).isEqualTo("{\"client_ip_address\":1,\"phone\":2}");
        assertThat(json("GET", "/api/activations/fw-drop/runs")
                        .get(0)
                        .get("fieldsDropped")
                        .toString())
                .isEqualTo("{\"client_ip_address\":1,\"phone\":2}");

        // delivered without the field, and Pinterest's schema still holds
        Map<String, JsonNode> sent = pinterest.accepted().stream()
                .collect(Collectors.toMap(e -> e.get("event_id").asText(), e -> e));
        assertThat(sent.keySet()).containsExactlyInAnyOrder("FW-OK", "FW-PHONE-1", "FW-PHONE-2", "FW-IP");
        assertThat(pinterest.violations()).isEmpty();
        assertThat(sent.get("FW-OK").get("user_data").has("ph")).isTrue();
        assertThat(sent.get("FW-PHONE-1").get("user_data").has("ph")).isFalse();
        assertThat(sent.get("FW-PHONE-2").get("user_data").has("ph")).isFalse();
        assertThat(sent.get("FW-PHONE-1").get("user_data").has("em")).isTrue();
        assertThat(sent.get("FW-IP").get("user_data").has("client_ip_address")).isFalse();
        assertThat(sent.get("FW-IP").get("user_data").get("client_user_agent").asText())
                .startsWith("Mozilla");

        JsonNode warnings = json("GET", "/api/activations/fw-drop/warnings");
        assertThat(warnings.get("total").asInt()).isEqualTo(3);
        Map<String, JsonNode> byEvent = new java.util.HashMap<>();
        warnings.get("warnings").forEach(w -> byEvent.put(w.get("eventId").asText(), w));
        assertThat(byEvent.keySet()).containsExactlyInAnyOrder("FW-PHONE-1", "FW-PHONE-2", "FW-IP");
        assertThat(byEvent.get("FW-PHONE-1").get("field").asText()).isEqualTo("phone");
        assertThat(byEvent.get("FW-PHONE-1").get("reason").asText()).isEqualTo("invalid_value");
        assertThat(byEvent.get("FW-PHONE-1").get("runId").asLong())
                .isEqualTo(run.get("id").asLong());
        assertThat(byEvent.get("FW-PHONE-1").get("message").asText())
                .contains("column 'phone'")
                .contains("not valid for country code +1")
                .contains("sent without phone")
                .doesNotContain("4589947");
        // read in the row's own country (its country column says US), where nine digits are too short
        assertThat(byEvent.get("FW-PHONE-2").get("message").asText())
                .contains("9 digits that make no phone number in region US (too short)")
                .doesNotContain("123456789");
        assertThat(byEvent.get("FW-IP").get("message").asText())
                .contains("column 'ip'")
                .doesNotContain("Some IP");
        assertThat(warnings.toString()).doesNotContain("4589947").doesNotContain("Some IP address");

        JsonNode phones = json("GET", "/api/activations/fw-drop/warnings?field=phone&size=1&page=1");
        assertThat(phones.get("total").asInt()).isEqualTo(2);
        assertThat(phones.get("size").asInt()).isEqualTo(1);
        assertThat(phones.get("warnings")).hasSize(1);
        assertThat(phones.get("warnings").get(0).get("field").asText()).isEqualTo("phone");
        assertThat(call("GET", "/api/activations/nope/warnings").statusCode()).isEqualTo(404);

        JsonNode none = json("GET", "/api/activations/fw-drop/rejections?reason=no_identifier")
                .get("rejections")
                .get(0);
        assertThat(none.get("eventId").asText()).isEqualTo("FW-NONE");
        assertThat(none.get("field").asText()).isEqualTo("email");
        assertThat(none.get("message").asText())
                .contains("column 'email'")
                .contains("column 'ip'")
                .doesNotContain("ada-at");

        assertThat(output.getOut())
                .containsPattern("Run " + run.get("id").asLong() + " of activation 'fw-drop' succeeded: .*"
                        + "fields dropped \\(invalid, event sent without them\\): client_ip_address 1, phone 2");

        String metrics = call("GET", "/actuator/prometheus").body();
        assertThat(metrics)
                .contains("conversions_fields_dropped_total{activation=\"fw-drop\",field=\"phone\"} 2.0")
                .contains("conversions_fields_dropped_total{activation=\"fw-drop\",field=\"client_ip_address\"} 1.0");

        // hold: the same rows, each bad value holds its row back, as before field warnings
        JsonNode held = json("POST", "/api/activations/fw-hold/runs");
        assertThat(held.get("delivered").asInt()).isEqualTo(1);
        assertThat(held.get("rejectedByReason").toString()).isEqualTo("{\"invalid_value\":4}");
        assertThat(held.get("fieldsDropped").toString()).isEqualTo("{}");
        JsonNode heldPhone = json("GET", "/api/activations/fw-hold/rejections?reason=invalid_value&size=10");
        assertThat(heldPhone.get("rejections").findValuesAsText("field"))
                .containsExactlyInAnyOrder("phone", "phone", "email", "client_ip_address");
        assertThat(json("GET", "/api/activations/fw-hold/warnings").get("total").asInt())
                .isZero();

        // a fixed row is judged again: its warning goes once it is sent with the field
        TestDatabase.jdbc()
                .update("UPDATE " + schema
                        + ".purchase_events SET phone = '+1 415 555 0100' WHERE order_id = 'FW-PHONE-2'");
        HttpResponse<String> replay = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/activations/fw-drop/replay"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"eventIds\": [\"FW-PHONE-2\"], \"reason\": \"phone fixed\"}"))
                        .header("Content-Type", "application/json")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        JsonNode again = json("POST", "/api/activations/fw-drop/runs");
        assertThat(again.get("delivered").asInt()).isEqualTo(1);
        assertThat(again.get("fieldsDropped").toString()).isEqualTo("{}");
        assertThat(json("GET", "/api/activations/fw-drop/warnings")
                        .get("warnings")
                        .findValuesAsText("eventId"))
                .containsExactlyInAnyOrder("FW-PHONE-1", "FW-IP");
    }

    @Test
    void anUnknownPolicyIsRefusedAtStartupSayingWhatToWrite() throws Exception {
        JsonNode list = json("GET", "/api/activations");
        JsonNode broken = null;
        for (JsonNode a : list) {
            if (a.get("id").asText().equals("fw-unknown-policy")) {
                broken = a;
            }
        }
        assertThat(broken).isNotNull();
        assertThat(broken.get("state").asText()).isEqualTo("misconfigured");
        assertThat(broken.get("problems").toString()).contains("on-invalid-field 'skip' is neither drop nor hold");
    }
}
