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
    void emailFormIsWhatTheRegularExpressionItReplacedAccepted() {
        java.util.regex.Pattern regex = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+");
        List<String> samples = List.of(
                "a@b",
                "@b",
                "a@",
                "a@@b",
                "a@b@c",
                "a b@c",
                "ab@c d",
                "a\t@b",
                "é@ü.de",
                "x\u000B@y",
                "",
                "@",
                "customer.1@example.com",
                "a@b\n",
                "a\r@b",
                "a\f@b",
                "a\u00a0@b");
        java.util.Random random = new java.util.Random(15);
        String alphabet = "ab@ \t\n.\u000B\f\r\u00a0é";
        List<String> all = new java.util.ArrayList<>(samples);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            all.add(b.toString());
        }
        for (String s : all) {
            assertThat(FieldRules.isEmailForm(s))
                    .as("'%s'", s)
                    .isEqualTo(regex.matcher(s).matches());
        }
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
        assertThat(sent(FieldRules.EVENT_TIME, OffsetDateTime.ofInstant(instant, ZoneId.of("Europe/Paris"))))
                .isEqualTo(expected);
        assertThat(sent(FieldRules.EVENT_TIME, LocalDateTime.ofInstant(instant, ZoneId.of("UTC"))))
                .isEqualTo(expected);
        assertThat(sent(FieldRules.EVENT_TIME, expected)).isEqualTo(expected);
        assertThat(sent(FieldRules.EVENT_TIME, expected * 1000 + 999)).isEqualTo(expected);
        assertThat(sent(FieldRules.EVENT_TIME, new BigDecimal(expected + ".75")))
                .isEqualTo(expected);
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

    static final MappingContext US = new MappingContext(ZoneId.of("UTC"), "us", null);
    static final MappingContext FR = new MappingContext(ZoneId.of("UTC"), "fr", null);

    static Object sent(FieldRule rule, Object raw, MappingContext ctx) {
        FieldValue v = rule.apply(raw, ctx);
        assertThat(v).as("%s gives a value", raw).isInstanceOf(FieldValue.Present.class);
        return ((FieldValue.Present) v).json();
    }

    static void invalid(FieldRule rule, Object raw) {
        assertThat(rule.apply(raw, UTC)).as("%s is refused", raw).isInstanceOf(FieldValue.Invalid.class);
    }

    @Test
    void phoneIsE164DigitsWithItsCountryCode() {
        assertThat(sent(FieldRules.PHONE_HASHED, "(415) 555-0132", US)).isEqualTo(hashes("14155550132"));
        assertThat(sent(FieldRules.PHONE_HASHED, "06 12 34 56 78", FR)).isEqualTo(hashes("33612345678"));
        assertThat(sent(FieldRules.PHONE_HASHED, "+33 6 12 34 56 78", US)).isEqualTo(hashes("33612345678"));
        assertThat(sent(FieldRules.PHONE_HASHED, "0033612345678", UTC)).isEqualTo(hashes("33612345678"));
        // digits that already start with a country code, with no region configured
        assertThat(sent(FieldRules.PHONE_HASHED, "447911123456", UTC)).isEqualTo(hashes("447911123456"));
        // a national number with no region to read it in is refused, not guessed
        invalid(FieldRules.PHONE_HASHED, "06 12 34 56 78");
        invalid(FieldRules.PHONE_HASHED, "12");
    }

    @Test
    void aNationalNumberIsReadInTheRowsCountryBeforeTheDefaultRegionAndOnlyValidNumbersAreSent() {
        MappingContext usShop = new MappingContext(java.time.ZoneOffset.UTC, "us", null);
        // the row's country (its mapped country column) decides, not the shop's default region
        assertThat(sent(FieldRules.PHONE_HASHED, "06 12 34 56 32", usShop.withCountry("fr")))
                .isEqualTo(hashes("33612345632"));
        assertThat(sent(FieldRules.PHONE_HASHED, "07911 123456", usShop.withCountry("gb")))
                .isEqualTo(hashes("447911123456"));
        // seven digits are a possible US length, but no number in use: the field is dropped, saying why
        FieldValue.Invalid local = (FieldValue.Invalid) FieldRules.PHONE_HASHED.apply("555-0123", usShop);
        assertThat(local.valueClass())
                .isEqualTo("7 digits that are no number in use in region US (libphonenumber finds"
                        + " no valid number of that form there)");
        assertThat(local.rule()).contains("complete phone number of the row's country (US)");
        FieldValue.Invalid shortFr =
                (FieldValue.Invalid) FieldRules.PHONE_HASHED.apply("06 12 34", usShop.withCountry("fr"));
        assertThat(shortFr.valueClass()).startsWith("6 digits that make no phone number in region FR");
        // written in international form, a number of a possible length that no country uses is refused too
        invalid(FieldRules.PHONE_HASHED, "+1 555 012 3456");
    }

    @Test
    void dateOfBirthIsYyyymmddFromDatesAndCommonTexts() {
        List<String> expected = hashes("19901226");
        assertThat(sent(FieldRules.DATE_OF_BIRTH_HASHED, java.time.LocalDate.of(1990, 12, 26)))
                .isEqualTo(expected);
        assertThat(sent(FieldRules.DATE_OF_BIRTH_HASHED, LocalDateTime.of(1990, 12, 26, 0, 0)))
                .isEqualTo(expected);
        for (String text : List.of(
                "1990-12-26",
                "19901226",
                "1990/12/26",
                "26.12.1990",
                "26/12/1990",
                "12/26/1990",
                "26 Dec 1990",
                "December 26, 1990",
                "1990-12-26T00:00:00")) {
            assertThat(sent(FieldRules.DATE_OF_BIRTH_HASHED, text)).as(text).isEqualTo(expected);
        }
        invalid(FieldRules.DATE_OF_BIRTH_HASHED, "03/04/1990"); // 3 April or March 4: ambiguous
        invalid(FieldRules.DATE_OF_BIRTH_HASHED, "1990-02-30");
        invalid(FieldRules.DATE_OF_BIRTH_HASHED, "1850-01-01");
    }

    @Test
    void genderIsMFOrNFromCommonSpellings() {
        assertThat(sent(FieldRules.GENDER_HASHED, " Male")).isEqualTo(hashes("m"));
        assertThat(sent(FieldRules.GENDER_HASHED, "WOMAN")).isEqualTo(hashes("f"));
        assertThat(sent(FieldRules.GENDER_HASHED, "non-binary")).isEqualTo(hashes("n"));
        assertThat(FieldRules.GENDER_HASHED.apply("prefer not to say", UTC)).isInstanceOf(FieldValue.Absent.class);
        invalid(FieldRules.GENDER_HASHED, "martian");
    }

    @Test
    void cityIsLowercaseWithoutSpacesOrPunctuation() {
        assertThat(sent(FieldRules.CITY_HASHED, " Menlo Park ")).isEqualTo(hashes("menlopark"));
        assertThat(sent(FieldRules.CITY_HASHED, "St. John's")).isEqualTo(hashes("stjohns"));
        assertThat(sent(FieldRules.CITY_HASHED, "São Paulo")).isEqualTo(hashes("sãopaulo"));
    }

    @Test
    void stateIsATwoLetterCodeAlsoFromItsName() {
        assertThat(sent(FieldRules.STATE_HASHED, "CA")).isEqualTo(hashes("ca"));
        assertThat(sent(FieldRules.STATE_HASHED, "California")).isEqualTo(hashes("ca"));
        assertThat(sent(FieldRules.STATE_HASHED, "new york")).isEqualTo(hashes("ny"));
        assertThat(sent(FieldRules.STATE_HASHED, "Québec")).isEqualTo(hashes("qc"));
        invalid(FieldRules.STATE_HASHED, "Gondor");
    }

    @Test
    void zipIsFiveDigitsInTheUsAndKeepsItsLettersElsewhere() {
        assertThat(sent(FieldRules.ZIP_HASHED, "94025-1234", US)).isEqualTo(hashes("94025"));
        assertThat(sent(FieldRules.ZIP_HASHED, "94025", UTC)).isEqualTo(hashes("94025"));
        MappingContext uk = UTC.withCountry("gb");
        assertThat(sent(FieldRules.ZIP_HASHED, "SW1A 1AA", uk)).isEqualTo(hashes("sw1a1aa"));
        assertThat(sent(FieldRules.ZIP_HASHED, "K1A 0B1", UTC.withCountry("ca")))
                .isEqualTo(hashes("k1a0b1"));
        assertThat(sent(FieldRules.ZIP_HASHED, "75001", FR)).isEqualTo(hashes("75001"));
        assertThat(FieldRules.ZIP_HASHED.apply("940", US)).isInstanceOf(FieldValue.Invalid.class);
    }

    @Test
    void externalIdsAndMobileAdIdsKeepTheirCase() {
        assertThat(sent(FieldRules.ID_HASHED, " Cust-00042 ")).isEqualTo(hashes("Cust-00042"));
        assertThat(sent(FieldRules.ID_HASHED, "6D92078A-8246-4BA4-AE5B-76104861E7DC"))
                .isEqualTo(hashes("6D92078A-8246-4BA4-AE5B-76104861E7DC"));
    }

    @Test
    void smallerRules() {
        assertThat(sent(FieldRules.LANGUAGE, "en-US")).isEqualTo("en");
        assertThat(sent(FieldRules.LANGUAGE, "FR")).isEqualTo("fr");
        invalid(FieldRules.LANGUAGE, "english");
        assertThat(sent(FieldRules.BOOLEAN, "Yes")).isEqualTo(true);
        assertThat(sent(FieldRules.BOOLEAN, false)).isEqualTo(false);
        invalid(FieldRules.BOOLEAN, "maybe");
        assertThat(sent(FieldRules.integer(0, 100), "42")).isEqualTo(42L);
        assertThat(sent(FieldRules.integer(0, 100), new BigDecimal("7.00"))).isEqualTo(7L);
        invalid(FieldRules.integer(0, 100), "4.5");
        invalid(FieldRules.integer(0, 100), 101);
        assertThat(sent(FieldRules.OPT_OUT_TYPE, " ldp ")).isEqualTo("LDP");
        invalid(FieldRules.OPT_OUT_TYPE, "GDPR");
        invalid(FieldRules.text(5), "toolong");
        assertThat(sent(PinterestField.DEVICE_INFO_OS_FAMILY.rule(), "iOS")).isEqualTo("ios");
        invalid(PinterestField.DEVICE_INFO_OS_FAMILY.rule(), "beos");
    }

    @Test
    void contentIdsAreStringsFromArraysJsonOrOneValue() {
        assertThat(sent(FieldRules.STRING_LIST, List.of("sku-1", "sku-2"))).isEqualTo(List.of("sku-1", "sku-2"));
        assertThat(sent(FieldRules.STRING_LIST, "[\"sku-1\", 42]")).isEqualTo(List.of("sku-1", "42"));
        assertThat(sent(FieldRules.STRING_LIST, 42L)).isEqualTo(List.of("42"));
        invalid(FieldRules.STRING_LIST, "[{\"id\": 1}]");
    }

    @Test
    void contentsComeFromJsonWithPricesAsStringsAndQuantitiesAsIntegers() {
        Object items = sent(
                FieldRules.CONTENTS,
                "[{\"id\": 123, \"item_price\": 14.99, \"quantity\": \"3\", \"item_name\": \" Shirt \"}, {\"id\": \"B\", \"item_brand\": null}]");
        assertThat(items)
                .isEqualTo(List.of(
                        java.util.Map.of("id", "123", "item_price", "14.99", "quantity", 3L, "item_name", "Shirt"),
                        java.util.Map.of("id", "B")));
        invalid(FieldRules.CONTENTS, "[{\"id\": 1, \"sku\": \"x\"}]");
        invalid(FieldRules.CONTENTS, "[{\"id\": 1, \"item_price\": \"free\"}]");
        invalid(FieldRules.CONTENTS, "[1, 2]");
        invalid(FieldRules.CONTENTS, "[{\"id\": 1");
    }

    @Test
    void ipAddressesAreIpv4OrIpv6InEveryWrittenFormAndSentAsGiven() {
        for (String ip : List.of(
                "203.0.113.10",
                "0.0.0.0",
                "255.255.255.255",
                "2001:0db8:0000:0000:0000:ff00:0042:8329",
                "2001:db8::ff00:42:8329",
                "2001:DB8::1",
                "::1",
                "::",
                "fe80::",
                "1::8",
                "1:2:3:4:5:6:7::",
                "::2:3:4:5:6:7:8",
                "::ffff:192.0.2.1",
                "::FFFF:203.0.113.10",
                "64:ff9b::192.0.2.33",
                "1:2:3:4:5:6:192.0.2.1")) {
            assertThat(sent(FieldRules.IP_ADDRESS, " " + ip + " ", UTC)).as(ip).isEqualTo(ip);
        }
        for (String notIp : List.of(
                "Some IP address.",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)",
                "localhost",
                "example.com",
                "256.1.1.1",
                "1.2.3",
                "1.2.3.4.5",
                "01.2.3.4",
                "1.2.3.-4",
                "1..3.4",
                "1.2.3.4:8080",
                "[::1]",
                "fe80::1%eth0",
                "2001:db8::1::2",
                ":::",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "1::2:3:4:5:6:7:8",
                "12345::1",
                "g::1",
                "::ffff:300.0.2.1",
                "1.2.3.4::",
                ":1::2",
                "1:2::3:",
                "192.0.2.1/24")) {
            invalid(FieldRules.IP_ADDRESS, notIp);
        }
        assertThat(FieldRules.IP_ADDRESS.apply("  ", UTC)).isInstanceOf(FieldValue.Absent.class);
        FieldValue agent = FieldRules.IP_ADDRESS.apply("Mozilla/5.0 (X11; Linux x86_64)", UTC);
        assertThat(((FieldValue.Invalid) agent).valueClass())
                .isEqualTo("text that looks like a user agent")
                .doesNotContain("Mozilla");
    }

    @Test
    void aNumberWithItsCountryCodeWrittenIsSaidInvalidForThatCode() {
        for (MappingContext ctx : List.of(UTC, US)) {
            FieldValue v = FieldRules.PHONE_HASHED.apply("+1234589947", ctx);
            assertThat(v).isInstanceOf(FieldValue.Invalid.class);
            FieldValue.Invalid inv = (FieldValue.Invalid) v;
            assertThat(inv.valueClass())
                    .isEqualTo("a number that is not valid for country code +1 (9 digits after it: too short)")
                    .doesNotContain("4589947");
            assertThat(inv.valueClass() + inv.rule()).doesNotContain("without a country code");
        }
        FieldValue.Invalid formatted = (FieldValue.Invalid) FieldRules.PHONE_HASHED.apply("+1 (234) 567-890", UTC);
        assertThat(formatted.valueClass()).contains("not valid for country code +1");
        FieldValue.Invalid tooLong =
                (FieldValue.Invalid) FieldRules.PHONE_HASHED.apply("+33 6 12 34 56 78 90 12 34", UTC);
        assertThat(tooLong.valueClass()).contains("country code +33").contains("too long");
        FieldValue.Invalid noCountry = (FieldValue.Invalid) FieldRules.PHONE_HASHED.apply("+999 123 456", US);
        assertThat(noCountry.valueClass()).isEqualTo("9 digits after + that make no international number");
        // without a written country code, the old words still fit
        FieldValue.Invalid national = (FieldValue.Invalid) FieldRules.PHONE_HASHED.apply("123456789", UTC);
        assertThat(national.valueClass()).isEqualTo("9 digits that make no phone number without a country code");
    }
}
