package io.pinconv.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.pinterest.ConversionEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventMapperTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    static ActivationMapping mapping(String eventType, PinterestField... fields) {
        Map<PinterestField, String> columns = new EnumMap<>(PinterestField.class);
        for (PinterestField f : fields) {
            columns.put(f, f.fieldName() + "_col");
        }
        return new ActivationMapping("shop", eventType, columns, MappingContext.UTC);
    }

    static final ActivationMapping CHECKOUT = mapping("checkout", PinterestField.EVENT_TIME, PinterestField.ACTION_SOURCE,
            PinterestField.EVENT_ID, PinterestField.EMAIL, PinterestField.CLIENT_IP_ADDRESS,
            PinterestField.CLIENT_USER_AGENT, PinterestField.VALUE, PinterestField.CURRENCY);

    static Map<String, Object> row() {
        Map<String, Object> row = new HashMap<>();
        row.put("event_time", NOW.minus(Duration.ofHours(1)));
        row.put("action_source", "web");
        row.put("event_id", "o-1");
        row.put("email", "a@b.co");
        row.put("value", new BigDecimal("10.00"));
        row.put("currency", "usd");
        return row;
    }

    static RowVerdict map(ActivationMapping m, Map<String, Object> row) {
        return EventMapper.map(m, row, EventIds.of(m, row), NOW);
    }

    static Rejection rejected(ActivationMapping m, Map<String, Object> row) {
        RowVerdict v = map(m, row);
        assertThat(v).isInstanceOf(RowVerdict.HoldBack.class);
        return ((RowVerdict.HoldBack) v).rejection();
    }

    @Test
    void aValidRowBecomesAnEventWithTheActivationsEventName() {
        RowVerdict v = map(CHECKOUT, row());
        assertThat(v).isInstanceOf(RowVerdict.Send.class);
        ConversionEvent e = ((RowVerdict.Send) v).event();
        assertThat(e.json()).containsEntry("event_name", "checkout").containsEntry("event_id", "o-1")
                .containsEntry("action_source", "web").containsEntry("event_time", NOW.minus(Duration.ofHours(1)).getEpochSecond());
        assertThat(e.userData()).containsOnlyKeys("em");
        assertThat(e.json().get("custom_data")).isEqualTo(Map.of("value", "10.00", "currency", "USD"));
    }

    @Test
    void rowsPinterestWouldRefuseAreHeldBackWithTheirReason() {
        Map<String, Object> r = row();
        r.put("event_time", null);
        assertThat(rejected(CHECKOUT, r).reason()).isEqualTo(RejectionReason.EVENT_TIME_MISSING);
        r.put("event_time", NOW.plusSeconds(1));
        assertThat(rejected(CHECKOUT, r).reason()).isEqualTo(RejectionReason.EVENT_TIME_IN_FUTURE);
        r.put("event_time", NOW.minus(Duration.ofDays(7)).minusSeconds(1));
        assertThat(rejected(CHECKOUT, r).reason()).isEqualTo(RejectionReason.EVENT_TIME_TOO_OLD);
        r.put("event_time", NOW.minus(Duration.ofDays(7)));
        assertThat(map(CHECKOUT, r)).isInstanceOf(RowVerdict.Send.class);

        r = row();
        r.put("action_source", "online");
        Rejection source = rejected(CHECKOUT, r);
        assertThat(source.reason()).isEqualTo(RejectionReason.ACTION_SOURCE_INVALID);
        assertThat(source.field()).isEqualTo("action_source");
        assertThat(source.message()).contains("action_source_col").contains("'online'");

        r = row();
        r.put("email", null);
        r.put("client_ip_address", "1.2.3.4");
        assertThat(rejected(CHECKOUT, r).reason()).isEqualTo(RejectionReason.NO_IDENTIFIER);
        r.put("client_user_agent", "UA");
        assertThat(map(CHECKOUT, r)).isInstanceOf(RowVerdict.Send.class);

        r = row();
        r.put("value", null);
        assertThat(rejected(CHECKOUT, r).reason()).isEqualTo(RejectionReason.VALUE_MISSING);
        r = row();
        r.put("currency", "");
        assertThat(rejected(CHECKOUT, r).reason()).isEqualTo(RejectionReason.CURRENCY_MISSING);
    }

    @Test
    void valueAndCurrencyAreOptionalForOtherEvents() {
        ActivationMapping lead = mapping("lead", PinterestField.EVENT_TIME, PinterestField.ACTION_SOURCE,
                PinterestField.EVENT_ID, PinterestField.EMAIL);
        assertThat(map(lead, row())).isInstanceOf(RowVerdict.Send.class);
    }

    @Test
    void anInvalidPersonalValueIsNamedByFieldAndColumnButNeverQuoted() {
        Map<String, Object> r = row();
        r.put("email", "jane.doe-at-mail");
        Rejection rej = rejected(CHECKOUT, r);
        assertThat(rej.reason()).isEqualTo(RejectionReason.INVALID_VALUE);
        assertThat(rej.field()).isEqualTo("email");
        assertThat(rej.message()).contains("email_col").doesNotContain("jane");
    }

    @Test
    void anEmptyEventIdIsHeldBackUnderAnIdDerivedFromTheRow() {
        Map<String, Object> r = row();
        r.put("event_id", "  ");
        Rejection rej = rejected(CHECKOUT, r);
        assertThat(rej.reason()).isEqualTo(RejectionReason.EVENT_ID_MISSING);
        assertThat(rej.eventId()).matches("[0-9a-f]{32}");
    }

    @Test
    void aDerivedIdDependsOnTheRowsValuesOnly() {
        ActivationMapping noId = mapping("lead", PinterestField.EVENT_TIME, PinterestField.ACTION_SOURCE, PinterestField.EMAIL);
        Map<String, Object> a = row();
        Map<String, Object> b = new HashMap<>(a);
        assertThat(EventIds.of(noId, a)).isEqualTo(EventIds.of(noId, b)).matches("[0-9a-f]{32}");
        b.put("email", "other@b.co");
        assertThat(EventIds.of(noId, a)).isNotEqualTo(EventIds.of(noId, b));
        // columns that are not mapped do not count
        b = new HashMap<>(a);
        b.put("unmapped", "x");
        assertThat(EventIds.of(noId, a)).isEqualTo(EventIds.of(noId, b));
        assertThat(List.of(EventIds.of(noId, a))).doesNotContain(EventIds.of(CHECKOUT, a));
    }
}
