package io.pinconv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinconv.activation.ActivationRunner;
import io.pinconv.ledger.RunSummary;
import io.pinconv.mapping.Hashing;
import io.pinconv.mapping.PinterestField;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A segment that uses every field of the catalogue, with messy real-world values, through the real
 * routes to the stand-in, which validates every request against Pinterest's official schema.
 */
class EveryFieldIT extends RunNowService {

    static final String TOKEN = "pina_EVERY-field-7c3e";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = RunNowService.segmentOfTheService(createSegment(), pinterest);
    static final String account = TestDatabase.newAdAccount();

    /** Columns for the fields rows carry; every other field of the catalogue gets a constant. */
    static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("event_time", "happened_at"),
            Map.entry("action_source", "channel"),
            Map.entry("event_id", "id"),
            Map.entry("email", "emails"),
            Map.entry("phone", "phone"),
            Map.entry("first_name", "first_name"),
            Map.entry("last_name", "last_name"),
            Map.entry("ge", "gender"),
            Map.entry("date_of_birth", "birth"),
            Map.entry("city", "city"),
            Map.entry("state", "state"),
            Map.entry("zip", "zip"),
            Map.entry("country", "country"),
            Map.entry("external_id", "customer_id"),
            Map.entry("mobile_ad_id", "idfa"),
            Map.entry("client_ip_address", "ip"),
            Map.entry("client_user_agent", "ua"),
            Map.entry("click_id", "epik"),
            Map.entry("value", "amount"),
            Map.entry("currency", "currency"),
            Map.entry("order_id", "order_ref"),
            Map.entry("content_ids", "skus"),
            Map.entry("contents", "items"),
            Map.entry("num_items", "qty"),
            Map.entry("opt_out", "opted_out"),
            Map.entry("opt_out_type", "privacy"),
            Map.entry("language", "lang"),
            Map.entry("predicted_ltv", "ltv"),
            Map.entry("event_source_url", "page_url"),
            Map.entry("app_info.install_time", "installed_at_ms"),
            Map.entry("device_info.languages", "languages"),
            Map.entry("wifi", "on_wifi"));

    static final Map<String, String> CONSTANTS = constants();

    static String createSegment() {
        String s = TestDatabase.newPurchaseSegment();
        TestDatabase.jdbc().execute("""
                CREATE TABLE %s.every_field (
                    id text, happened_at timestamp, channel text, emails text[], phone text, first_name text,
                    last_name text, gender text, birth text, city text, state text, zip text, country text,
                    customer_id text, idfa text, ip text, ua text, epik text, amount text, currency text,
                    order_ref bigint, skus text[], items jsonb, qty integer, opted_out boolean, privacy text, lang text,
                    ltv double precision, page_url text, installed_at_ms bigint, languages text[], on_wifi text)""".formatted(s));
        return s;
    }

    static Map<String, String> constants() {
        Map<String, String> c = new HashMap<>();
        for (PinterestField f : PinterestField.values()) {
            boolean mapped =
                    COLUMNS.containsKey(f.fieldName()) || f.aliases().stream().anyMatch(COLUMNS::containsKey);
            if (!mapped) {
                c.put(
                        f.fieldName(),
                        switch (f) {
                            case DEVICE_INFO_FORM_FACTOR -> "=cellphone";
                            case DEVICE_INFO_NETWORK_TYPE -> "=Cellular_5G";
                            case DEVICE_INFO_OS_FAMILY -> "=iOS";
                            case DEVICE_INFO_TIMEZONE_ABBR -> "=EST";
                            case APP_INFO_WINDOW_HEIGHT,
                                    APP_INFO_WINDOW_WIDTH,
                                    DEVICE_INFO_SCREEN_HEIGHT,
                                    DEVICE_INFO_SCREEN_WIDTH -> "1170";
                            case DEVICE_INFO_BATTERY_LEVEL,
                                    DEVICE_INFO_CPU_CORES,
                                    DEVICE_INFO_SCREEN_DENSITY,
                                    DEVICE_INFO_STORAGE_FREE_SPACE,
                                    DEVICE_INFO_STORAGE_SIZE,
                                    DEVICE_INFO_EXTERNAL_STORAGE_FREE_SPACE,
                                    DEVICE_INFO_EXTERNAL_STORAGE_SIZE,
                                    EXTERNAL_MEASUREMENT_VENDOR_ID -> "6";
                            default -> "=" + f.fieldName().replace('.', '-') + " value";
                        });
            }
        }
        return c;
    }

    /** Its part of {@link RunNowService}'s configuration. */
    static void activations(DynamicPropertyRegistry p) {
        TestConfig.destination(p, "every-field", account, TOKEN, pinterest.baseUrl());
        TestConfig.destination(p, "pin-test", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        p.add("conversions.destinations.pin-test.test-mode", () -> "true");
        Map<String, String> mapping = new HashMap<>(COLUMNS);
        mapping.putAll(CONSTANTS);
        for (String id : List.of("everything", "everything-test")) {
            TestConfig.activation(
                    p,
                    id,
                    id.endsWith("test") ? "pin-test" : "every-field",
                    schema + ".every_field",
                    "checkout",
                    TestConfig.NEVER,
                    mapping);
            p.add("conversions.activations." + id + ".timezone", () -> "America/New_York");
            p.add("conversions.activations." + id + ".default-region", () -> "US");
        }
    }

    @Autowired
    ActivationRunner runner;

    @BeforeEach
    void clean() {
        TestDatabase.jdbc().execute("TRUNCATE " + schema + ".every_field");
        pinterest.reset();
    }

    @org.junit.jupiter.api.BeforeAll
    static void forgetEarlierRuns() {
        TestDatabase.forget("everything", "everything-test");
    }

    /** Inserts a row: a messy but valid US purchase, with some columns replaced. */
    static void insert(String id, Map<String, String> replaced) {
        Map<String, String> v = new HashMap<>(Map.ofEntries(
                Map.entry("id", "'" + id + "'"),
                // two hours ago, as a New York wall clock without zone
                Map.entry("happened_at", "(now() AT TIME ZONE 'America/New_York') - interval '2 hours'"),
                Map.entry("channel", "' Web '"),
                Map.entry("emails", "ARRAY[' Jane.Doe@Example.COM ', 'jane@work.example']"),
                Map.entry("phone", "'(415) 555-0132'"),
                Map.entry("first_name", "' Jane '"),
                Map.entry("last_name", "'DOE'"),
                Map.entry("gender", "'Female'"),
                Map.entry("birth", "'26.12.1990'"),
                Map.entry("city", "'New York City'"),
                Map.entry("state", "'New York'"),
                Map.entry("zip", "'10001-1234'"),
                Map.entry("country", "'United States'"),
                Map.entry("customer_id", "' Cust-0042 '"),
                Map.entry("idfa", "'6D92078A-8246-4BA4-AE5B-76104861E7DC'"),
                Map.entry("ip", "'203.0.113.50'"),
                Map.entry("ua", "'Mozilla/5.0 (iPhone)'"),
                Map.entry("epik", "'dj0yJnU9abc'"),
                Map.entry("amount", "' 99.50 '"),
                Map.entry("currency", "'usd'"),
                Map.entry("order_ref", "12345"),
                Map.entry("skus", "ARRAY['SKU-1', 'SKU-2']"),
                Map.entry(
                        "items",
                        "'[{\"id\": \"SKU-1\", \"item_price\": 49.75, \"quantity\": 2, \"item_name\": \"Mug\"}]'"),
                Map.entry("qty", "2"),
                Map.entry("opted_out", "false"),
                Map.entry("privacy", "'ldp'"),
                Map.entry("lang", "'en-US'"),
                Map.entry("ltv", "250.5"),
                Map.entry("page_url", "'https://shop.example/checkout'"),
                Map.entry("installed_at_ms", "1700000000123"),
                Map.entry("languages", "ARRAY['en', 'es']"),
                Map.entry("on_wifi", "'yes'")));
        v.putAll(replaced);
        String columns = String.join(", ", v.keySet());
        String values = v.keySet().stream().map(v::get).collect(Collectors.joining(", "));
        TestDatabase.jdbc().execute("INSERT INTO " + schema + ".every_field (" + columns + ") VALUES (" + values + ")");
    }

    static List<String> hashes(String... values) {
        return Arrays.stream(values).map(Hashing::sha256Hex).toList();
    }

    static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    @Test
    void everyFieldReachesPinterestExactlyAsItsRulesGiveIt() {
        insert("EVERY-1", Map.of());
        insert(
                "EVERY-UK",
                Map.of(
                        "country",
                        "'GB'",
                        "zip",
                        "'SW1A 1AA'",
                        "phone",
                        "'+44 7911 123456'",
                        "state",
                        "NULL",
                        "emails",
                        "ARRAY['7904b24a634422ed27a871afa39445383e89775aacf732b648b8b6f3cca4fbd6']"));
        long expectedTime = TestDatabase.jdbc()
                .queryForObject(
                        "SELECT floor(extract(epoch FROM happened_at AT TIME ZONE 'America/New_York'))::bigint FROM "
                                + schema + ".every_field WHERE id = 'EVERY-1'",
                        Long.class);

        RunSummary run = runner.runNow("everything");

        assertThat(pinterest.violations()).isEmpty();
        assertThat(run.delivered()).isEqualTo(2);
        JsonNode e = pinterest.accepted().stream()
                .filter(x -> x.get("event_id").asText().equals("EVERY-1"))
                .findFirst()
                .orElseThrow();
        assertThat(e.get("event_time").asLong()).isEqualTo(expectedTime);
        assertThat(e.get("action_source").asText()).isEqualTo("web");
        assertThat(e.get("opt_out").asBoolean()).isFalse();
        assertThat(e.get("wifi").asBoolean()).isTrue();
        assertThat(e.get("language").asText()).isEqualTo("en");
        assertThat(e.get("event_source_url").asText()).isEqualTo("https://shop.example/checkout");
        assertThat(e.get("partner_name").asText()).isEqualTo("partner_name value");

        JsonNode u = e.get("user_data");
        assertThat(texts(u.get("em"))).isEqualTo(hashes("jane.doe@example.com", "jane@work.example"));
        assertThat(texts(u.get("ph"))).isEqualTo(hashes("14155550132"));
        assertThat(texts(u.get("fn"))).isEqualTo(hashes("jane"));
        assertThat(texts(u.get("ln"))).isEqualTo(hashes("doe"));
        assertThat(texts(u.get("ge"))).isEqualTo(hashes("f"));
        assertThat(texts(u.get("db"))).isEqualTo(hashes("19901226"));
        assertThat(texts(u.get("ct"))).isEqualTo(hashes("newyorkcity"));
        assertThat(texts(u.get("st"))).isEqualTo(hashes("ny"));
        assertThat(texts(u.get("zp"))).isEqualTo(hashes("10001"));
        assertThat(texts(u.get("country"))).isEqualTo(hashes("us"));
        assertThat(texts(u.get("external_id"))).isEqualTo(hashes("Cust-0042"));
        assertThat(texts(u.get("hashed_maids"))).isEqualTo(hashes("6D92078A-8246-4BA4-AE5B-76104861E7DC"));
        assertThat(u.get("client_ip_address").asText()).isEqualTo("203.0.113.50");
        assertThat(u.get("client_user_agent").asText()).isEqualTo("Mozilla/5.0 (iPhone)");
        assertThat(u.get("click_id").asText()).isEqualTo("dj0yJnU9abc");
        assertThat(u.get("partner_id").asText()).isEqualTo("partner_id value");

        JsonNode c = e.get("custom_data");
        assertThat(c.get("value").asText()).isEqualTo("99.50");
        assertThat(c.get("currency").asText()).isEqualTo("USD");
        assertThat(c.get("order_id").asText()).isEqualTo("12345");
        assertThat(texts(c.get("content_ids"))).containsExactly("SKU-1", "SKU-2");
        assertThat(c.get("contents"))
                .isEqualTo(json("[{\"id\":\"SKU-1\",\"item_price\":\"49.75\",\"quantity\":2,\"item_name\":\"Mug\"}]"));
        assertThat(c.get("num_items").asLong()).isEqualTo(2);
        assertThat(c.get("opt_out_type").asText()).isEqualTo("LDP");
        assertThat(c.get("predicted_ltv").asText()).isEqualTo("250.5");
        assertThat(c.get("content_name").asText()).isEqualTo("content_name value");

        assertThat(e.get("app_info").get("install_time").asLong()).isEqualTo(1_700_000_000L);
        assertThat(e.get("app_info").get("window_height").asLong()).isEqualTo(1170);
        assertThat(texts(e.get("device_info").get("languages"))).containsExactly("en", "es");
        assertThat(e.get("device_info").get("os_family").asText()).isEqualTo("ios");
        assertThat(e.get("device_info").get("network_type").asText()).isEqualTo("cellular_5g");

        // every field of the catalogue is in the event
        for (PinterestField f : PinterestField.values()) {
            JsonNode node = e;
            for (String key : f.path()) {
                node = node.path(key);
            }
            assertThat(node.isMissingNode() || node.isNull())
                    .as(f.fieldName() + " is sent")
                    .isFalse();
        }

        JsonNode uk = pinterest.accepted().stream()
                .filter(x -> x.get("event_id").asText().equals("EVERY-UK"))
                .findFirst()
                .orElseThrow();
        assertThat(texts(uk.get("user_data").get("zp"))).isEqualTo(hashes("sw1a1aa"));
        assertThat(texts(uk.get("user_data").get("ph"))).isEqualTo(hashes("447911123456"));
        assertThat(texts(uk.get("user_data").get("em")))
                .containsExactly("7904b24a634422ed27a871afa39445383e89775aacf732b648b8b6f3cca4fbd6");
        assertThat(uk.get("user_data").has("st")).isFalse();

        assertThat(run.match().email()).isEqualTo(2);
        assertThat(run.match().phone()).isEqualTo(2);
        assertThat(run.match().mobileAdId()).isEqualTo(2);
        assertThat(run.match().ipAndUserAgent()).isEqualTo(2);
        assertThat(run.match().clickId()).isEqualTo(2);
        assertThat(run.match().externalId()).isEqualTo(2);
    }

    @Test
    void eachBadRowIsRejectedOrSentWithoutItsBadFieldNamingIt() {
        insert("BAD-currency", Map.of("currency", "'dollars'"));
        insert("BAD-value", Map.of("amount", "'12,50 €'"));
        insert("BAD-source", Map.of("channel", "'store'"));
        insert("BAD-contents", Map.of("items", "'[{\"sku\": \"x\"}]'"));
        insert("BAD-phone", Map.of("phone", "'12'"));
        insert("BAD-birth", Map.of("birth", "'03/04/1990'"));
        insert("BAD-time", Map.of("happened_at", "(now() AT TIME ZONE 'America/New_York') + interval '3 hours'"));
        insert("OK", Map.of());

        RunSummary run = runner.runNow("everything");

        // what the event cannot go without holds the row back; any other bad value only costs its field
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("OK", "BAD-contents", "BAD-phone", "BAD-birth");
        assertThat(pinterest.violations()).isEmpty();
        assertThat(run.rejected()).isEqualTo(4);
        assertThat(run.fieldsDropped()).isEqualTo(Map.of("contents", 1L, "phone", 1L, "date_of_birth", 1L));
        Map<String, Map<String, Object>> byId =
                TestDatabase.jdbc()
                        .queryForList("SELECT * FROM conversions.rejection WHERE activation_id = 'everything'")
                        .stream()
                        .collect(Collectors.toMap(r -> (String) r.get("event_id"), r -> r));
        assertThat(byId.get("BAD-currency"))
                .containsEntry("reason", "currency_invalid")
                .containsEntry("field", "currency");
        assertThat(byId.get("BAD-value"))
                .containsEntry("reason", "value_invalid")
                .containsEntry("field", "value");
        assertThat(byId.get("BAD-source")).containsEntry("reason", "action_source_invalid");
        Map<String, Map<String, Object>> warned = TestDatabase.jdbc()
                .queryForList("SELECT * FROM conversions.field_warning WHERE activation_id = 'everything'")
                .stream()
                .collect(Collectors.toMap(r -> (String) r.get("event_id"), r -> r));
        assertThat(warned.keySet()).containsExactlyInAnyOrder("BAD-contents", "BAD-phone", "BAD-birth");
        assertThat(warned.get("BAD-contents"))
                .containsEntry("reason", "contents_invalid")
                .containsEntry("field", "contents");
        assertThat((String) warned.get("BAD-contents").get("message"))
                .contains("items")
                .contains("sku");
        assertThat(warned.get("BAD-phone"))
                .containsEntry("reason", "invalid_value")
                .containsEntry("field", "phone");
        assertThat(warned.get("BAD-birth"))
                .containsEntry("reason", "invalid_value")
                .containsEntry("field", "date_of_birth");
        JsonNode withoutPhone = pinterest.accepted().stream()
                .filter(x -> x.get("event_id").asText().equals("BAD-phone"))
                .findFirst()
                .orElseThrow();
        assertThat(withoutPhone.get("user_data").has("ph")).isFalse();
        assertThat(withoutPhone.get("user_data").has("em")).isTrue();
        assertThat(byId.get("BAD-time")).containsEntry("reason", "event_time_in_future");
        assertThat((String) byId.get("BAD-time").get("message")).contains("timezone");
    }

    @Test
    void testModeAsksPinterestToValidateAndRecordsNothing() {
        insert("TEST-1", Map.of());
        insert("TEST-2", Map.of());

        RunSummary first = runner.runNow("everything-test");
        RunSummary second = runner.runNow("everything-test");

        assertThat(first.testMode()).isTrue();
        assertThat(first.delivered()).isEqualTo(2);
        assertThat(second.delivered())
                .as("nothing recorded: the next run sends again")
                .isEqualTo(2);
        assertThat(pinterest.testRequests()).isEqualTo(2);
        assertThat(pinterest.violations()).isEmpty();
        assertThat(pinterest.acceptedIds()).isEmpty();
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.delivered_event WHERE activation_id = 'everything-test'",
                                Long.class))
                .isZero();
    }
}
