package io.pinconv.pinterest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.mapping.MatchQuality;
import io.pinconv.mapping.PinterestField;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapper's events are written from their slots: the body must be the one their JSON object gives. */
class ConversionEventTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String EM = "a".repeat(64);

    static ConversionEvent everyKind() {
        Object[] v = new Object[PinterestField.values().length];
        v[PinterestField.EVENT_TIME.ordinal()] = 1_764_000_000L;
        v[PinterestField.ACTION_SOURCE.ordinal()] = "web";
        v[PinterestField.EVENT_ID.ordinal()] = "ignored: the id given is written";
        v[PinterestField.EVENT_SOURCE_URL.ordinal()] = "https://shop.example/p?q=\"1\"";
        v[PinterestField.OPT_OUT.ordinal()] = false;
        v[PinterestField.APP_INFO_APP_ID.ordinal()] = "app-1";
        v[PinterestField.DEVICE_INFO_CPU_CORES.ordinal()] = 8L;
        v[PinterestField.EMAIL.ordinal()] = List.of(EM);
        v[PinterestField.CLIENT_USER_AGENT.ordinal()] = "Mozilla/5.0 (X11; Ünïcode)";
        v[PinterestField.VALUE.ordinal()] = "12.50";
        v[PinterestField.NUM_ITEMS.ordinal()] = 3;
        v[PinterestField.PREDICTED_LTV.ordinal()] = new BigDecimal("99.99");
        v[PinterestField.CONTENTS.ordinal()] = List.of(Map.of("quantity", 2L));
        return ConversionEvent.of("checkout", "order-1", v);
    }

    @Test
    void writesFromItsSlotsTheBodyItsJsonObjectGives() throws Exception {
        ConversionEvent slots = everyKind();
        ConversionEvent asMap = new ConversionEvent("order-1", slots.json());
        PinterestApi api = new PinterestApi(JSON);

        String fromSlots = new String(api.body(List.of(slots, slots)).toByteArray(), StandardCharsets.UTF_8);
        String fromMap = new String(api.body(List.of(asMap, asMap)).toByteArray(), StandardCharsets.UTF_8);

        assertThat(fromSlots).isEqualTo(fromMap);
        assertThat(JSON.readTree(fromSlots).get("data").get(0)).isEqualTo(JSON.readTree("""
                {"event_name":"checkout","action_source":"web","event_time":1764000000,"event_id":"order-1",
                 "user_data":{"em":["%s"],"client_user_agent":"Mozilla/5.0 (X11; Ünïcode)"},
                 "event_source_url":"https://shop.example/p?q=\\"1\\"","opt_out":false,
                 "app_info":{"app_id":"app-1"},"device_info":{"cpu_cores":8},
                 "custom_data":{"value":"12.50","num_items":3,"contents":[{"quantity":2}],"predicted_ltv":99.99}}""".formatted(EM)));
        assertThat(List.copyOf(slots.json().keySet()))
                .containsExactly(
                        "event_name",
                        "action_source",
                        "event_time",
                        "event_id",
                        "user_data",
                        "event_source_url",
                        "opt_out",
                        "app_info",
                        "device_info",
                        "custom_data");
    }

    @Test
    void writesEveryKindOfTextAsJacksonDoes() throws Exception {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 32; c++) {
            controls.append(c);
        }
        String emoji = new String(Character.toChars(0x1F600));
        List<String> texts = List.of(
                "plain",
                "quote \" and \\ backslash / slash",
                controls.toString(),
                "del \u007f",
                "é ü ß",
                "中文 ☃",
                emoji + " pair",
                "\uD800 lone high",
                "lone low \uDC00",
                "x".repeat(5_000) + emoji + "\n".repeat(3_000) + "é".repeat(4_000),
                "");
        PinterestApi api = new PinterestApi(JSON);
        for (String text : texts) {
            Object[] v = new Object[PinterestField.values().length];
            v[PinterestField.EVENT_TIME.ordinal()] = 1_764_000_000L;
            v[PinterestField.ACTION_SOURCE.ordinal()] = "web";
            v[PinterestField.CLIENT_USER_AGENT.ordinal()] = text;
            v[PinterestField.EMAIL.ordinal()] = List.of(EM, text);
            v[PinterestField.CONTENT_NAME.ordinal()] = text;
            v[PinterestField.OPT_OUT.ordinal()] = true;
            v[PinterestField.VALUE.ordinal()] = new BigDecimal("1E+3");
            v[PinterestField.NUM_ITEMS.ordinal()] = Long.MIN_VALUE;
            v[PinterestField.CONTENTS.ordinal()] =
                    JSON.readTree("[{\"item_price\":\"1.5\",\"quantity\":2.5,\"x\":null}]");
            ConversionEvent slots =
                    ConversionEvent.of("custom", "id \"" + text.substring(0, Math.min(20, text.length())), v);
            ConversionEvent asMap = new ConversionEvent(slots.eventId(), slots.json());

            byte[] jackson = JSON.writeValueAsBytes(Map.of("data", List.of(slots.json(), asMap.json())));
            assertThat(api.body(List.of(slots, asMap)).toByteArray())
                    .as(text.length() > 40 ? "long text" : text)
                    .isEqualTo(jackson);
        }
    }

    @Test
    void anEventWithoutUserDataStillCarriesTheObject() {
        Object[] v = new Object[PinterestField.values().length];
        v[PinterestField.EVENT_TIME.ordinal()] = 1L;
        v[PinterestField.ACTION_SOURCE.ordinal()] = "offline";
        String body = new String(
                new PinterestApi(JSON)
                        .body(List.of(ConversionEvent.of("lead", "x", v)))
                        .toByteArray(),
                StandardCharsets.UTF_8);

        assertThat(body)
                .isEqualTo(
                        "{\"data\":[{\"event_name\":\"lead\",\"action_source\":\"offline\",\"event_time\":1,\"event_id\":\"x\",\"user_data\":{}}]}");
    }

    @Test
    void answersWhichIdentifiersItCarriesWithoutBuildingItsObject() {
        ConversionEvent e = everyKind();

        assertThat(e.hasUserData("em")).isTrue();
        assertThat(e.hasUserData("client_user_agent")).isTrue();
        assertThat(e.hasUserData("client_ip_address")).isFalse();
        assertThat(e.hasUserData("ph")).isFalse();
        // and a value without a currency
        assertThat(MatchQuality.of(List.of(e))).isEqualTo(new MatchQuality(1, 0, 0, 0, 0, 0, 1, 0));
    }

    @Test
    void showsNoValueWhenPrinted() {
        assertThat(everyKind().toString()).contains("order-1").doesNotContain(EM, "Mozilla");
    }
}
