package io.pinconv.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule per kind of field, each a pure function. The rules follow Pinterest's written normalisation
 * (see the field mapping reference in the README); every one has test vectors in FieldRulesTest.
 */
public final class FieldRules {

    private FieldRules() { }

    /** Pinterest's accepted action sources. */
    public static final Set<String> ACTION_SOURCES = Set.of("web", "app_android", "app_ios", "offline");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern TWO_LETTERS = Pattern.compile("[a-z]{2}");
    private static final Map<String, String> COUNTRY_BY_NAME = countryNames();

    /** Normalises one element of a hashed field; null means nothing to send, an exception means invalid. */
    @FunctionalInterface
    interface Normaliser {
        String normalise(String trimmed) throws InvalidValue;
    }

    static final class InvalidValue extends Exception {
        final String valueClass;
        final String rule;

        InvalidValue(String valueClass, String rule) {
            super(rule, null, false, false);
            this.valueClass = valueClass;
            this.rule = rule;
        }
    }

    // ---- hashed user data -------------------------------------------------------------------

    /** Trimmed, lower-cased. */
    public static final FieldRule EMAIL_HASHED = hashed(s -> {
        String email = s.toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidValue("text without the form name@domain", "must be an email address");
        }
        return email;
    });

    /** Digits only, without leading zeros (an international 00 prefix goes too), with the country code. */
    public static final FieldRule PHONE_HASHED = hashed(s -> {
        String digits = s.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
        if (digits.isEmpty()) {
            return null;
        }
        if (digits.length() < 7 || digits.length() > 15) {
            throw new InvalidValue(digits.length() + " digits",
                    "must be a phone number of 7 to 15 digits including the country code");
        }
        return digits;
    });

    /** Trimmed, lower-cased (first and last names). */
    public static final FieldRule NAME_HASHED = hashed(s -> s.toLowerCase(Locale.ROOT));

    /** ISO 3166-1 alpha-2 in lower case; English country names are turned into their code. */
    public static final FieldRule COUNTRY_HASHED = hashed(s -> {
        String lower = s.toLowerCase(Locale.ROOT);
        if (TWO_LETTERS.matcher(lower).matches()) {
            return lower;
        }
        String code = COUNTRY_BY_NAME.get(lettersOnly(lower));
        if (code == null) {
            throw new InvalidValue("text that is neither a two-letter code nor a known country name",
                    "must be an ISO 3166 two-letter country code such as 'us' or 'fr'");
        }
        return code;
    });

    // ---- unhashed values --------------------------------------------------------------------

    /** Sent as given, trimmed (IP address, user agent, order id). */
    public static final FieldRule PLAIN = (raw, ctx) -> FieldValue.of(Values.text(raw));

    /** A decimal string: Pinterest parses money from strings, never numbers. */
    public static final FieldRule MONEY = (raw, ctx) -> {
        if (Values.text(raw) == null) {
            return FieldValue.ABSENT;
        }
        BigDecimal d = Values.decimal(raw);
        if (d == null) {
            return FieldValue.invalid("text that is not a number", "must be a decimal number such as 72.39");
        }
        return FieldValue.of(d.toPlainString());
    };

    /** ISO 4217, upper case. */
    public static final FieldRule CURRENCY = (raw, ctx) -> {
        String s = Values.text(raw);
        if (s == null) {
            return FieldValue.ABSENT;
        }
        String code = s.toUpperCase(Locale.ROOT);
        if (!isIsoCurrency(code)) {
            return FieldValue.invalid("'" + abbreviate(s) + "'", "must be an ISO 4217 currency code such as USD or EUR");
        }
        return FieldValue.of(code);
    };

    public static final FieldRule ACTION_SOURCE = (raw, ctx) -> {
        String s = Values.text(raw);
        if (s == null) {
            return FieldValue.ABSENT;
        }
        String source = s.toLowerCase(Locale.ROOT);
        if (!ACTION_SOURCES.contains(source)) {
            return FieldValue.invalid("'" + abbreviate(s) + "'", "must be one of web, app_android, app_ios, offline");
        }
        return FieldValue.of(source);
    };

    public static final FieldRule EVENT_ID = PLAIN;

    /** Unix seconds from an instant, a timestamp (read in the activation's zone), a number or an ISO-8601 string. */
    public static final FieldRule EVENT_TIME = (raw, ctx) -> {
        Instant instant = instant(raw, ctx);
        if (instant == null) {
            return Values.text(raw) == null
                    ? FieldValue.ABSENT
                    : FieldValue.invalid("text that is not a date-time",
                    "must be a timestamp, Unix seconds or milliseconds, or an ISO-8601 date-time");
        }
        return FieldValue.of(instant.getEpochSecond());
    };

    // ---- helpers ----------------------------------------------------------------------------

    static FieldRule hashed(Normaliser normaliser) {
        return (raw, ctx) -> {
            Set<String> hashes = new LinkedHashSet<>();
            for (Object element : Values.elements(raw)) {
                String trimmed = Values.text(element);
                if (trimmed == null) {
                    continue;
                }
                if (Hashing.isSha256Hex(trimmed)) {
                    hashes.add(Hashing.hashUnlessDigest(trimmed));
                    continue;
                }
                try {
                    String normalised = normaliser.normalise(trimmed);
                    if (normalised != null && !normalised.isEmpty()) {
                        hashes.add(Hashing.sha256Hex(normalised));
                    }
                } catch (InvalidValue e) {
                    return FieldValue.invalid(e.valueClass, e.rule);
                }
            }
            return hashes.isEmpty() ? FieldValue.ABSENT : FieldValue.of(List.copyOf(new ArrayList<>(hashes)));
        };
    }

    static Instant instant(Object raw, MappingContext ctx) {
        if (raw instanceof Instant i) {
            return i;
        }
        if (raw instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (raw instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (raw instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (raw instanceof LocalDateTime l) {
            return l.atZone(ctx.timezone()).toInstant();
        }
        if (raw instanceof LocalDate d) {
            return d.atStartOfDay(ctx.timezone()).toInstant();
        }
        if (raw instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (raw instanceof Number) {
            BigDecimal n = Values.decimal(raw);
            return n == null ? null : fromEpochNumber(n);
        }
        String s = Values.text(raw);
        if (s == null) {
            return null;
        }
        BigDecimal n = Values.decimal(s);
        if (n != null) {
            return fromEpochNumber(n);
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException ignored) {
            // not an offset date-time; try a local one below
        }
        try {
            return LocalDateTime.parse(iso).atZone(ctx.timezone()).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /**
     * Seconds and milliseconds are told apart by size: 10^11 seconds is the year 5138, while 10^11
     * milliseconds is March 1973, before any conversion Pinterest would take.
     */
    static Instant fromEpochNumber(BigDecimal n) {
        BigDecimal abs = n.abs();
        if (abs.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) >= 0) {
            return Instant.ofEpochSecond(n.movePointLeft(6).longValue());
        }
        if (abs.compareTo(BigDecimal.valueOf(100_000_000_000L)) >= 0) {
            return Instant.ofEpochSecond(n.movePointLeft(3).longValue());
        }
        return Instant.ofEpochSecond(n.longValue());
    }

    static boolean isIsoCurrency(String code) {
        if (code.length() != 3) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String lettersOnly(String s) {
        return s.replaceAll("[^\\p{L}]", "");
    }

    private static Map<String, String> countryNames() {
        Map<String, String> names = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
            names.put(lettersOnly(name.toLowerCase(Locale.ROOT)), code.toLowerCase(Locale.ROOT));
        }
        names.put("usa", "us");
        names.put("unitedstatesofamerica", "us");
        names.put("uk", "gb");
        names.put("greatbritain", "gb");
        return Map.copyOf(names);
    }
}
