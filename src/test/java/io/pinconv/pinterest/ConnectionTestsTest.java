package io.pinconv.pinterest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DestinationProperties;
import io.pinconv.egress.AccessTokens;
import io.pinconv.mapping.Hashing;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionTestsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    static ConnectionTests tests(Map<String, DestinationProperties> destinations, Map<String, String> tokens) {
        ConversionsProperties properties = new ConversionsProperties(destinations, null, null);
        // no ProducerTemplate: these tests never reach the network
        return new ConnectionTests(
                properties,
                AccessTokens.of(tokens),
                null,
                JSON,
                new AdAccountLimits(properties),
                Clock.fixed(NOW, ZoneOffset.UTC),
                false);
    }

    static DestinationProperties destination(boolean dryRun) {
        return new DestinationProperties("123", "https://api.pinterest.com", dryRun, null, false, null, null);
    }

    final ConnectionTests tests = tests(Map.of("pin", destination(false)), Map.of("pin", "pina_x"));

    @Test
    void eachAnswerSaysWhatFailedAndWhatToDo() {
        String processed = "{\"num_events_received\":1,\"num_events_processed\":1,"
                + "\"events\":[{\"status\":\"processed\",\"error_message\":null,\"warning_message\":\"\"}]}";
        assertThat(tests.verdict("pin", "123", 200, processed, NOW))
                .satisfies(r -> assertThat(r.connection()).isEqualTo("ok"))
                .satisfies(r -> assertThat(r.message()).contains("accepted a test event for ad account 123"));
        assertThat(tests.verdict(
                                "pin",
                                "123",
                                422,
                                "{\"code\":953,\"message\":\"Not all events\",\"details\":{\"events\":[{\"status\":"
                                        + "\"failed\",\"error_message\":\"Invalid event_timestamp\"}]}}",
                                NOW)
                        .message())
                .contains("the token and ad account 123 work")
                .contains("Invalid event_timestamp");
        assertThat(tests.verdict("pin", "123", 401, "{\"code\":2,\"message\":\"Authentication failed.\"}", NOW))
                .satisfies(r -> assertThat(r.failed()).isTrue())
                .satisfies(r -> assertThat(r.message())
                        .contains("401: Authentication failed.")
                        .contains("conversions.destinations.pin.access-token"));
        assertThat(tests.verdict(
                                "pin",
                                "123",
                                403,
                                "{\"code\":29,\"message\":\"You are not permitted to access that resource.\"}",
                                NOW)
                        .message())
                .startsWith("the ad account 123 is not reachable with this token (403: You are not permitted")
                .contains("check ad-account-id, or give the token access to it");
        assertThat(tests.verdict("pin", "123", 404, "", NOW).message())
                .contains("the ad account 123 was not found (404)");
        assertThat(tests.verdict("pin", "123", 429, null, NOW).message()).contains("rate limit");
        assertThat(tests.verdict("pin", "123", 503, "<html>down</html>", NOW))
                .satisfies(r -> assertThat(r.failed()).isTrue())
                .satisfies(r -> assertThat(r.message()).contains("503").contains("test again later"));
        assertThat(tests.verdict("pin", "123", 400, "{\"message\":\"bad\\nline\"}", NOW)
                        .message())
                .contains("400: bad line")
                .doesNotContain("\n");
    }

    @Test
    void theEventIsSyntheticAndHarmless() throws Exception {
        JsonNode body = JSON.readTree(tests.body(NOW));
        assertThat(body.get("data")).hasSize(1);
        JsonNode e = body.at("/data/0");
        assertThat(e.get("event_name").asText()).isEqualTo("page_visit");
        assertThat(e.get("action_source").asText()).isEqualTo("web");
        assertThat(e.get("event_time").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(e.get("event_id").asText()).startsWith("connection-test-");
        assertThat(e.at("/user_data/em/0").asText()).isEqualTo(Hashing.sha256Hex("connection-test@example.com"));
        assertThat(e.at("/user_data/client_ip_address").asText()).isEqualTo("192.0.2.1");
        assertThat(e.at("/user_data/client_user_agent").asText()).isNotBlank();
        assertThat(JSON.readTree(tests.body(NOW)).at("/data/0/event_id"))
                .as("a new id each time")
                .isNotEqualTo(e.get("event_id"));
    }

    @Test
    void aDryRunIsNotTestedAndADestinationWithoutATokenFailsWithoutARequest() {
        ConnectionTests t = tests(Map.of("dry", destination(true), "bare", destination(false)), Map.of());
        assertThat(t.test("dry"))
                .satisfies(r -> assertThat(r.connection()).isEqualTo("not tested"))
                .satisfies(r -> assertThat(r.message()).isEqualTo("dry run: not tested"));
        assertThat(t.test("bare").message()).contains("conversions.destinations.bare.access-token");
        assertThat(t.last("bare")).isPresent();
        assertThatThrownBy(() -> t.test("nope")).isInstanceOf(NoSuchDestinationException.class);
    }
}
