package io.pinconv.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The contract check itself catches what Pinterest's schema forbids, so a passing contract means something. */
class ConversionsSchemaTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HASH = "a".repeat(64);

    @Test
    void aWellFormedRequestConforms() throws Exception {
        assertThat(ConversionsSchema.violations(JSON.readTree("""
                {"data":[{"event_name":"checkout","action_source":"web","event_time":1764000000,"event_id":"o-1",
                  "user_data":{"em":["%s"],"client_ip_address":"1.2.3.4","partner_id":null},
                  "custom_data":{"value":"10.00","currency":"USD","num_items":2,"contents":[{"id":"a","item_price":"5","quantity":2}]},
                  "app_info":{"app_name":"Shop","install_time":1700000000},"device_info":{"os_family":"ios"}}]}""".formatted(HASH))))
                .isEmpty();
    }

    @Test
    void wrongTypesUnknownKeysAndEmptyBatchesAreCaught() throws Exception {
        assertThat(ConversionsSchema.violations(JSON.readTree("""
                {"data":[{"event_name":"checkout","action_source":"web","event_time":"1764000000","event_id":"o-1",
                  "user_data":{"em":"%s"},"custom_data":{"value":10.0,"sku":"x"},"colour":"red"}]}""".formatted(HASH))))
                .anyMatch(m -> m.contains("event_time"))
                .anyMatch(m -> m.contains("value"))
                .anyMatch(m -> m.contains("sku"))
                .anyMatch(m -> m.contains("colour"))
                .anyMatch(m -> m.contains("em"));
        assertThat(ConversionsSchema.violations(JSON.readTree("{\"data\":[]}"))).isNotEmpty();
        assertThat(ConversionsSchema.violations(JSON.readTree("""
                {"data":[{"event_name":"lead","action_source":"web","event_time":1,"event_id":"x","user_data":{},
                  "device_info":{"os_family":"beos"}}]}"""))).anyMatch(m -> m.contains("os_family"));
    }
}
