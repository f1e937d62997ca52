package io.pinconv.mapping;

import static org.assertj.core.api.Assertions.assertThat;

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

    static final ActivationMapping CHECKOUT = mapping(
            "checkout",
            PinterestField.EVENT_TIME,
            PinterestField.ACTION_SOURCE,
            PinterestField.EVENT_ID,
            PinterestField.EMAIL,
            PinterestField.CLIENT_IP_ADDRESS,
            PinterestField.CLIENT_USER_AGENT,
            PinterestField.VALUE,
            PinterestField.CURRENCY);

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
        assertThat(e.json())
                .containsEntry("event_name", "checkout")
                .containsEntry("event_id", "o-1")
                .containsEntry("action_source", "web")
                .containsEntry("event_time", NOW.minus(Duration.ofHours(1)).getEpochSecond());
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
        ActivationMapping lead = mapping(
                "lead",
                PinterestField.EVENT_TIME,
                PinterestField.ACTION_SOURCE,
                PinterestField.EVENT_ID,
                PinterestField.EMAIL);
        assertThat(map(lead, row())).isInstanceOf(RowVerdict.Send.class);
    }

    @Test
    void anInvalidPersonalValueIsNamedByFieldAndColumnButNeverQuoted() {
        Map<String, Object> r = row();
        r.put("email", "jane.doe-at-mail");
        Rejection rej = rejected(CHECKOUT.withOnInvalidField(InvalidFieldPolicy.HOLD), r);
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
        ActivationMapping noId =
                mapping("lead", PinterestField.EVENT_TIME, PinterestField.ACTION_SOURCE, PinterestField.EMAIL);
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

    static final ActivationMapping EVERYTHING = mapping(
            "page_visit",
            PinterestField.EVENT_TIME,
            PinterestField.ACTION_SOURCE,
            PinterestField.EVENT_ID,
            PinterestField.EMAIL,
            PinterestField.PHONE,
            PinterestField.ZIP,
            PinterestField.COUNTRY,
            PinterestField.DATE_OF_BIRTH,
            PinterestField.GENDER,
            PinterestField.CLIENT_IP_ADDRESS,
            PinterestField.CLIENT_USER_AGENT);

    static RowVerdict.Send sent(ActivationMapping m, Map<String, Object> row) {
        RowVerdict v = map(m, row);
        assertThat(v).as("sent").isInstanceOf(RowVerdict.Send.class);
        return (RowVerdict.Send) v;
    }

    @Test
    void aBadOptionalValueIsLeftOutAndTheEventSentWithAWarning() {
        record Bad(String field, Object value, String key) {}
        for (Bad bad : List.of(
                new Bad("phone", "123456789", "ph"),
                new Bad("zip", "123456", "zp"),
                new Bad("date_of_birth", "03/04/1990", "db"),
                new Bad("gender", "robot", "ge"),
                new Bad("client_ip_address", "Some IP address.", "client_ip_address"))) {
            Map<String, Object> r = row();
            r.put("country", "US");
            r.put("client_user_agent", "Mozilla/5.0");
            r.put(bad.field(), bad.value());

            RowVerdict.Send send = sent(EVERYTHING, r);

            assertThat(send.event().userData())
                    .as(bad.field())
                    .doesNotContainKey(bad.key())
                    .containsKeys("em", "country");
            assertThat(send.warnings()).as(bad.field()).singleElement().satisfies(w -> {
                assertThat(w.eventId()).isEqualTo("o-1");
                assertThat(w.field()).isEqualTo(bad.field());
                assertThat(w.reason()).isEqualTo("invalid_value");
                assertThat(w.message())
                        .contains("column '" + bad.field() + "_col'")
                        .contains("sent without " + bad.field())
                        .doesNotContain(bad.value().toString());
            });
        }
        Map<String, Object> fine = row();
        fine.put("phone", "+1 415 555 0100");
        assertThat(sent(EVERYTHING, fine).warnings()).isEmpty();
    }

    @Test
    void everyBadOptionalValueOfARowGetsItsOwnWarning() {
        Map<String, Object> r = row();
        r.put("phone", "12");
        r.put("gender", "robot");
        assertThat(sent(EVERYTHING, r).warnings())
                .extracting(FieldWarning::field)
                .containsExactly("phone", "gender");
    }

    @Test
    void aRowWhoseOnlyIdentifierIsInvalidIsHeldBackAsNoIdentifierNamingIt() {
        Map<String, Object> r = row();
        r.put("email", "jane.doe-at-mail");
        r.put("phone", "+1 415 555 0100");
        Rejection rej = rejected(EVERYTHING, r);
        assertThat(rej.reason()).isEqualTo(RejectionReason.NO_IDENTIFIER);
        assertThat(rej.field()).isEqualTo("email");
        assertThat(rej.message())
                .contains("column 'email_col'")
                .contains("name@domain")
                .doesNotContain("jane");

        r = row();
        r.remove("email");
        r.put("client_ip_address", "Mozilla/5.0 (X11; Linux x86_64)");
        r.put("client_user_agent", "Mozilla/5.0 (X11; Linux x86_64)");
        rej = rejected(EVERYTHING, r);
        assertThat(rej.reason()).isEqualTo(RejectionReason.NO_IDENTIFIER);
        assertThat(rej.field()).isEqualTo("client_ip_address");
        assertThat(rej.message()).contains("column 'client_ip_address_col' holds text that looks like a user agent");

        // an identifier left: the bad one is only a warning
        r.put("email", "jane.doe-at-mail");
        r.put("mobile_ad_id", "AEBE52E7-03EE-455A-B3C4-E57283966239");
        ActivationMapping withMaid = mapping(
                "page_visit",
                PinterestField.EVENT_TIME,
                PinterestField.ACTION_SOURCE,
                PinterestField.EVENT_ID,
                PinterestField.EMAIL,
                PinterestField.MOBILE_AD_ID,
                PinterestField.CLIENT_IP_ADDRESS,
                PinterestField.CLIENT_USER_AGENT);
        assertThat(sent(withMaid, r).warnings())
                .extracting(FieldWarning::field)
                .containsExactly("email", "client_ip_address");
    }

    @Test
    void aRowWithoutAnyIdentifierSaysSoAsBefore() {
        Map<String, Object> r = row();
        r.remove("email");
        r.put("phone", "12");
        Rejection rej = rejected(EVERYTHING, r);
        assertThat(rej.reason()).isEqualTo(RejectionReason.NO_IDENTIFIER);
        assertThat(rej.field()).isNull();
        assertThat(rej.message()).startsWith("no identifier Pinterest can match: the row needs");
    }

    @Test
    void whatTheEventCannotGoWithoutStillHoldsTheRowBack() {
        Map<String, Object> r = row();
        r.put("value", "12,50 €");
        assertThat(rejected(CHECKOUT, r).reason()).isEqualTo(RejectionReason.VALUE_INVALID);
        r = row();
        r.put("currency", "dollars");
        assertThat(rejected(CHECKOUT, r).reason()).isEqualTo(RejectionReason.CURRENCY_INVALID);
        r = row();
        r.put("action_source", "online");
        assertThat(rejected(CHECKOUT, r).reason()).isEqualTo(RejectionReason.ACTION_SOURCE_INVALID);
        r = row();
        r.put("event_time", "yesterday");
        assertThat(rejected(CHECKOUT, r).reason()).isEqualTo(RejectionReason.EVENT_TIME_INVALID);
        r = row();
        r.put("event_id", "x".repeat(300));
        assertThat(rejected(CHECKOUT, r).field()).isEqualTo("event_id");

        // a value is optional outside a checkout: it is left out
        ActivationMapping lead = mapping(
                "lead",
                PinterestField.EVENT_TIME,
                PinterestField.ACTION_SOURCE,
                PinterestField.EVENT_ID,
                PinterestField.EMAIL,
                PinterestField.VALUE,
                PinterestField.CURRENCY);
        r = row();
        r.put("value", "12,50 €");
        RowVerdict.Send send = sent(lead, r);
        assertThat(send.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w.reason()).isEqualTo("value_invalid"));
        assertThat(send.event().json().get("custom_data")).isEqualTo(Map.of("currency", "USD"));
    }

    @Test
    void holdKeepsTheRowBackForAnyInvalidValueAsBefore() {
        ActivationMapping hold = EVERYTHING.withOnInvalidField(InvalidFieldPolicy.HOLD);
        Map<String, Object> r = row();
        r.put("phone", "123456789");
        Rejection rej = rejected(hold, r);
        assertThat(rej.reason()).isEqualTo(RejectionReason.INVALID_VALUE);
        assertThat(rej.field()).isEqualTo("phone");
        assertThat(rej.message())
                .isEqualTo("column 'phone_col' holds 9 digits that make no phone number without a country code;"
                        + " phone must be a phone number with its country code (+1 415 555 0100), or set the activation's default-region"
                        + " (or map the row's country) for national numbers");

        r = row();
        r.put("email", "jane.doe-at-mail");
        assertThat(rejected(hold, r).reason())
                .as("the identifier's own reason, not no_identifier")
                .isEqualTo(RejectionReason.INVALID_VALUE);
        r = row();
        r.put("gender", "robot");
        r.put("zip", "123456");
        r.put("country", "US");
        assertThat(rejected(hold, r).field()).as("the first in catalogue order").isEqualTo("gender");
        assertThat(map(hold, row())).isInstanceOf(RowVerdict.Send.class);
    }

    @Test
    void aPhoneWithAWrittenCountryCodeIsSaidInvalidForThatCode() {
        Map<String, Object> r = row();
        r.put("phone", "+1234589947");
        assertThat(sent(EVERYTHING, r).warnings())
                .singleElement()
                .satisfies(w -> assertThat(w.message())
                        .contains("not valid for country code +1")
                        .doesNotContain("without a country code")
                        .doesNotContain("4589947"));
    }
}
