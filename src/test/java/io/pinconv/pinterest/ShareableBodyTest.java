package io.pinconv.pinterest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.mapping.Hashing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a dry run logs and a preview shows: hashed user data as sent, nothing else of a person in clear. */
class ShareableBodyTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyUserDataValueThatIsNotHashedIsMasked() throws Exception {
        String em = Hashing.sha256Hex("ada@example.com");
        Map<String, Object> userData = new LinkedHashMap<>();
        userData.put("em", List.of(em));
        userData.put("ph", List.of(Hashing.sha256Hex("14155550100"), Hashing.sha256Hex("14155550101")));
        userData.put("client_ip_address", "203.0.113.9");
        userData.put("client_user_agent", "Mozilla/5.0 (X11; Linux x86_64)");
        userData.put("click_id", "dj0yJnU9Ada-click");
        userData.put("partner_id", "partner-ada-42");
        userData.put("a_key_pinterest_adds_later", List.of("ada lovelace"));
        userData.put("hashed_maids", List.of(em, "not-a-digest"));
        Map<String, Object> event = new LinkedHashMap<>(
                Map.of("event_name", "checkout", "event_id", "E-1", "custom_data", Map.of("order_id", "E-1")));
        event.put("user_data", userData);

        String body = new PinterestApi(JSON).shareableBody(List.of(new ConversionEvent("E-1", event)));

        assertThat(body)
                .doesNotContain(
                        "203.0.113.9",
                        "Mozilla",
                        "dj0yJnU9Ada-click",
                        "partner-ada-42",
                        "ada lovelace",
                        "not-a-digest");
        JsonNode sent = JSON.readTree(body).get("data").get(0);
        JsonNode u = sent.get("user_data");
        assertThat(u.get("em").get(0).asText()).isEqualTo(em);
        assertThat(u.get("ph")).hasSize(2);
        for (String key : List.of(
                "client_ip_address",
                "client_user_agent",
                "click_id",
                "partner_id",
                "a_key_pinterest_adds_later",
                "hashed_maids")) {
            assertThat(u.get(key).asText()).as(key).isEqualTo("<masked>");
        }
        assertThat(sent.get("custom_data").get("order_id").asText())
                .as("the rest of the event is shown as sent")
                .isEqualTo("E-1");
    }
}
