package io.pinconv.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Test vectors for each normalisation rule: raw value in, exactly what Pinterest gets out. */
class FieldRulesTest {

    static final MappingContext UTC = MappingContext.UTC;

    static Object sent(FieldRule rule, Object raw) {
        FieldValue v = rule.apply(raw, UTC);
        assertThat(v).isInstanceOf(FieldValue.Present.class);
        return ((FieldValue.Present) v).json();
    }

    static List<String> hashes(String... normalised) {
        return java.util.Arrays.stream(normalised).map(Hashing::sha256Hex).toList();
    }

    @Test
    void sha256IsLowercaseHexOfUtf8() {
        // echo -n "alice@example.com" | sha256sum
        assertThat(Hashing.sha256Hex("alice@example.com"))
                .isEqualTo("ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976");
    }

    @Test
    void emailIsTrimmedLowercasedAndHashed() {
        assertThat(sent(FieldRules.EMAIL_HASHED, "  Alice@Example.COM ")).isEqualTo(hashes("alice@example.com"));
    }

    @Test
    void aValueThatIsAlreadyADigestIsSentAsItIs() {
        String digest = Hashing.sha256Hex("alice@example.com");
        assertThat(sent(FieldRules.EMAIL_HASHED, digest.toUpperCase())).isEqualTo(List.of(digest));
        assertThat(sent(FieldRules.PHONE_HASHED, " " + digest + " ")).isEqualTo(List.of(digest));
    }

    @Test
    void severalValuesInAnArrayColumnAreEachHashedOnce() {
        assertThat(sent(FieldRules.EMAIL_HASHED, List.of("A@x.io", "a@X.io ", "b@x.io")))
                .isEqualTo(hashes("a@x.io", "b@x.io"));
        assertThat(FieldRules.EMAIL_HASHED.apply(new String[] {" ", ""}, UTC)).isInstanceOf(FieldValue.Absent.class);
    }

    @Test
    void somethingThatIsNotAnEmailIsInvalidAndTheMessageDoesNotRepeatIt() {
        FieldValue v = FieldRules.EMAIL_HASHED.apply("alice at example", UTC);
        assertThat(v).isInstanceOf(FieldValue.Invalid.class);
        assertThat(((FieldValue.Invalid) v).valueClass()).doesNotContain("alice");
    }

    @Test
    void phoneKeepsDigitsOnlyWithoutLeadingZeros() {
        assertThat(sent(FieldRules.PHONE_HASHED, "+1 (415) 555-0100")).isEqualTo(hashes("14155550100"));
        assertThat(sent(FieldRules.PHONE_HASHED, "0044 20 7946 0000")).isEqualTo(hashes("442079460000"));
        assertThat(FieldRules.PHONE_HASHED.apply("ext. 12", UTC)).isInstanceOf(FieldValue.Invalid.class);
        assertThat(FieldRules.PHONE_HASHED.apply("n/a", UTC)).isInstanceOf(FieldValue.Absent.class);
    }

    @Test
    void namesAreTrimmedAndLowercasedKeepingAccents() {
        assertThat(sent(FieldRules.NAME_HASHED, " José ")).isEqualTo(hashes("josé"));
        assertThat(sent(FieldRules.NAME_HASHED, "O'NEILL")).isEqualTo(hashes("o'neill"));
    }

    @Test
    void countryIsATwoLetterLowercaseCodeAlsoFromItsEnglishName() {
        assertThat(sent(FieldRules.COUNTRY_HASHED, " US ")).isEqualTo(hashes("us"));
        assertThat(sent(FieldRules.COUNTRY_HASHED, "France")).isEqualTo(hashes("fr"));
        assertThat(sent(FieldRules.COUNTRY_HASHED, "United Kingdom")).isEqualTo(hashes("gb"));
        assertThat(sent(FieldRules.COUNTRY_HASHED, "USA")).isEqualTo(hashes("us"));
        assertThat(FieldRules.COUNTRY_HASHED.apply("Atlantis", UTC)).isInstanceOf(FieldValue.Invalid.class);
    }

    @Test
    void moneyIsADecimalString() {
        assertThat(sent(FieldRules.MONEY, new BigDecimal("72.39"))).isEqualTo("72.39");
        assertThat(sent(FieldRules.MONEY, 120)).isEqualTo("120");
        assertThat(sent(FieldRules.MONEY, 0.1d)).isEqualTo("0.1");
        assertThat(sent(FieldRules.MONEY, " 1e3 ")).isEqualTo("1000");
        assertThat(FieldRules.MONEY.apply("12,50 €", UTC)).isInstanceOf(FieldValue.Invalid.class);
    }

    @Test
    void currencyIsAnIso4217CodeInUpperCase() {
        assertThat(sent(FieldRules.CURRENCY, " eur")).isEqualTo("EUR");
        assertThat(FieldRules.CURRENCY.apply("EURO", UTC)).isInstanceOf(FieldValue.Invalid.class);
        assertThat(FieldRules.CURRENCY.apply("XYZ", UTC)).isInstanceOf(FieldValue.Invalid.class);
    }

    @Test
    void actionSourceIsOneOfPinterestsFour() {
        assertThat(sent(FieldRules.ACTION_SOURCE, " Offline ")).isEqualTo("offline");
        assertThat(sent(FieldRules.ACTION_SOURCE, "APP_IOS")).isEqualTo("app_ios");
        assertThat(FieldRules.ACTION_SOURCE.apply("store", UTC)).isInstanceOf(FieldValue.Invalid.class);
    }

    @Test
    void eventTimeIsUnixSecondsWhateverTheColumnType() {
        long expected = 1_764_000_000L;
        Instant instant = Instant.ofEpochSecond(expected);
        assertThat(sent(FieldRules.EVENT_TIME, instant)).isEqualTo(expected);
        assertThat(sent(FieldRules.EVENT_TIME, OffsetDateTime.ofInstant(instant, ZoneId.of("Europe/Paris")))).isEqualTo(expected);
        assertThat(sent(FieldRules.EVENT_TIME, LocalDateTime.ofInstant(instant, ZoneId.of("UTC")))).isEqualTo(expected);
        assertThat(sent(FieldRules.EVENT_TIME, expected)).isEqualTo(expected);
        assertThat(sent(FieldRules.EVENT_TIME, expected * 1000 + 999)).isEqualTo(expected);
        assertThat(sent(FieldRules.EVENT_TIME, new BigDecimal(expected + ".75"))).isEqualTo(expected);
        assertThat(sent(FieldRules.EVENT_TIME, "2025-11-24T16:00:00Z")).isEqualTo(1_764_000_000L);
        assertThat(sent(FieldRules.EVENT_TIME, "2025-11-24 17:00:00+01:00")).isEqualTo(1_764_000_000L);
        assertThat(FieldRules.EVENT_TIME.apply("yesterday", UTC)).isInstanceOf(FieldValue.Invalid.class);
    }

    @Test
    void aTimestampWithoutZoneIsReadInTheActivationsZone() {
        LocalDateTime wallClock = LocalDateTime.of(2025, 11, 24, 17, 0);
        FieldValue v = FieldRules.EVENT_TIME.apply(wallClock, new MappingContext(ZoneId.of("Europe/Paris")));
        assertThat(((FieldValue.Present) v).json()).isEqualTo(1_764_000_000L);
    }
}
