package io.pinconv.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule per kind of field, each a pure function. The rules follow Pinterest's written normalisation
 * (capi-notes §2.3, §3; the field mapping reference, docs/field-mapping.md, gives each one); every rule has test
 * vectors in FieldRulesTest.
 */
public final class FieldRules {

    private FieldRules() {}

    /** Pinterest's accepted action sources. */
    public static final List<String> ACTION_SOURCES = List.of("web", "app_android", "app_ios", "offline");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern NOT_DIGITS = Pattern.compile("[^0-9]");
    private static final Pattern TWO_LETTERS = Pattern.compile("[a-z]{2}");
    private static final Pattern US_ZIP = Pattern.compile("\\d{5}(-?\\d{4})?");
    private static final Map<String, String> COUNTRY_BY_NAME = countryNames();
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Map<String, String> STATE_BY_NAME = Regions.stateCodesByName();
    private static final Map<String, String> GENDERS = genders();
    private static final Set<String> CONTENTS_KEYS =
            Set.of("id", "item_name", "item_category", "item_brand", "item_price", "quantity");

    /** Normalises one element of a hashed field; null means nothing to send, an exception means invalid. */
    @FunctionalInterface
    interface Normaliser {
        String normalise(String trimmed, MappingContext ctx) throws InvalidValue;
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

    /** Trimmed, lower-cased; must have the form name@domain. */
    public static final FieldRule EMAIL_HASHED = hashed((s, ctx) -> {
        String email = s.toLowerCase(Locale.ROOT);
        if (!isEmailForm(email)) {
            throw new InvalidValue("text without the form name@domain", "must be an email address");
        }
        return email;
    });

    /**
     * E.164 digits (country code, then the number, no '+') of a number libphonenumber finds valid: a number in use,
     * not merely one of a possible length. International forms (+, 00) are read as such; a national number in the
     * row's country (its mapped country column) or else the activation's default-region; digits that already start
     * with a country code are taken when they make a valid number. Anything else costs the field, saying what was
     * wrong.
     */
    public static final FieldRule PHONE_HASHED = hashed((s, ctx) -> {
        String fast = InternationalPhones.e164Digits(s);
        if (fast != null) {
            return fast;
        }
        String digits = NOT_DIGITS.matcher(s).replaceAll("");
        if (digits.isEmpty()) {
            return null;
        }
        String text = s.startsWith("00") ? "+" + s.substring(2) : s;
        String region = ctx.effectiveCountry();
        Phonenumber.PhoneNumber number = parsePhone(text, region);
        if (text.startsWith("+")) {
            // the number is written in international form: what is wrong is there, whatever the region
            if (number == null) {
                throw new InvalidValue(
                        digits.length() + " digits after + that make no international number",
                        "must be a phone number with its country code (+1 415 555 0100)");
            }
            if (!ValidPhones.isValid(number)) {
                throw notValidForCountryCode(number);
            }
            return e164(number);
        }
        if (number != null && ValidPhones.isValid(number)) {
            return e164(number);
        }
        Phonenumber.PhoneNumber international = parsePhone("+" + digits, null);
        if (international != null && ValidPhones.isValid(international)) {
            return e164(international);
        }
        if (region == null) {
            throw new InvalidValue(
                    digits.length() + " digits that make no phone number without a country code",
                    "must be a phone number with its country code (+1 415 555 0100), or set the activation's"
                            + " default-region (or map the row's country) for national numbers");
        }
        String in = region.toUpperCase(Locale.ROOT);
        if (number == null || !PHONES.isPossibleNumber(number)) {
            throw new InvalidValue(
                    digits.length() + " digits that make no phone number in region " + in
                            + (number == null ? "" : " (" + lengthProblem(number) + ")"),
                    "must be a complete phone number of the row's country (" + in
                            + "), or written with its country code");
        }
        throw new InvalidValue(
                digits.length() + " digits that are no number in use in region " + in + " (libphonenumber finds no"
                        + " valid number of that form there)",
                "must be a complete phone number of the row's country (" + in + "), or written with its country code");
    });

    private static String e164(Phonenumber.PhoneNumber number) {
        return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
    }

    private static String lengthProblem(Phonenumber.PhoneNumber number) {
        return switch (PHONES.isPossibleNumberWithReason(number)) {
            case TOO_SHORT -> "too short";
            case TOO_LONG -> "too long";
            default -> "a length no number there has";
        };
    }

    /**
     * name@domain: one '@', something before and after it, no white space (the regular expression
     * {@code [^@\\s]+@[^@\\s]+}, which cost more than hashing the address).
     */
    static boolean isEmailForm(String s) {
        int at = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return false;
            }
        }
        return at > 0 && at < s.length() - 1;
    }

    private static InvalidValue notValidForCountryCode(Phonenumber.PhoneNumber number) {
        int digits = PHONES.getNationalSignificantNumber(number).length();
        String why = PHONES.isPossibleNumber(number) ? "no number in use there" : lengthProblem(number);
        return new InvalidValue(
                "a number that is not valid for country code +" + number.getCountryCode() + " (" + digits
                        + " digits after it: " + why + ")",
                "must be a complete number for its country code, e.g. +1 415 555 0100 (10 digits after +1)");
    }

    /** Trimmed, lower-cased (first and last names); accents kept. */
    public static final FieldRule NAME_HASHED = hashed((s, ctx) -> s.toLowerCase(Locale.ROOT));

    /** m, f or n, from the common spellings (male, Woman, non-binary...); "unknown" and the like are left out. */
    public static final FieldRule GENDER_HASHED = hashed((s, ctx) -> {
        String key = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (!GENDERS.containsKey(key)) {
            throw new InvalidValue(
                    "text that is no known gender",
                    "must be m, f or n (male, female, non-binary and their common spellings are understood)");
        }
        String g = GENDERS.get(key);
        return g.isEmpty() ? null : g;
    });

    /** YYYYMMDD, from a date, a timestamp, or text such as 1990-12-26, 19901226, 26.12.1990, 26 Dec 1990. */
    public static final FieldRule DATE_OF_BIRTH_HASHED = (raw, ctx) -> {
        if (raw instanceof LocalDate
                || raw instanceof LocalDateTime
                || raw instanceof Instant
                || raw instanceof Date
                || raw instanceof OffsetDateTime) {
            LocalDate d = toDate(raw, ctx);
            return FieldValue.of(List.of(Hashing.sha256Hex(d.format(DateTimeFormatter.BASIC_ISO_DATE))));
        }
        return hashed((s, c) -> {
                    LocalDate d = parseDate(s);
                    if (d == null) {
                        throw new InvalidValue(
                                "text that is no date",
                                "must be a date such as 1990-12-26, 19901226, 26.12.1990 or 26 Dec 1990 (dd/mm or mm/dd only when unambiguous)");
                    }
                    if (d.getYear() < 1900 || d.isAfter(LocalDate.now(c.timezone()))) {
                        throw new InvalidValue("a date outside 1900 to today", "must be a date of birth");
                    }
                    return d.format(DateTimeFormatter.BASIC_ISO_DATE);
                })
                .apply(raw, ctx);
    };

    /** Lower case without spaces or punctuation: "São Paulo" gives "sãopaulo". */
    public static final FieldRule CITY_HASHED =
            hashed((s, ctx) -> s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", ""));

    /** Two-letter code in lower case, also from US state and Canadian province names. */
    public static final FieldRule STATE_HASHED = hashed((s, ctx) -> {
        String lower = s.toLowerCase(Locale.ROOT).strip();
        if (TWO_LETTERS.matcher(lower).matches()) {
            return lower;
        }
        String code = STATE_BY_NAME.get(lettersOnly(lower));
        if (code == null) {
            throw new InvalidValue(
                    "text that is neither a two-letter code nor a known US state or Canadian province",
                    "must be a two-letter state code such as 'ca'");
        }
        return code;
    });

    /**
     * US ZIP codes: the 5 digits (ZIP+4 loses its +4). Elsewhere postcodes keep their letters: lower case
     * without spaces or punctuation ("SW1A 1AA" gives "sw1a1aa"). The country is the row's, else the
     * activation's default-region; a postcode with no country is read as US when it has the US form.
     */
    public static final FieldRule ZIP_HASHED = hashed((s, ctx) -> {
        String country = ctx.effectiveCountry();
        String compact = s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
        if ("us".equals(country)
                || (country == null && US_ZIP.matcher(s.strip()).matches())) {
            String digits = s.replaceAll("[^0-9]", "");
            if (digits.length() != 5 && digits.length() != 9) {
                throw new InvalidValue(digits.length() + " digits", "must be a US ZIP code of 5 digits (or ZIP+4)");
            }
            return digits.substring(0, 5);
        }
        return compact.isEmpty() ? null : compact;
    });

    /** ISO 3166-1 alpha-2 in lower case; English country names are turned into their code. */
    public static final FieldRule COUNTRY_HASHED = hashed((s, ctx) -> {
        String code = countryCode(s);
        if (code == null) {
            throw new InvalidValue(
                    "text that is neither a two-letter code nor a known country name",
                    "must be an ISO 3166 two-letter country code such as 'us' or 'fr'");
        }
        return code;
    });

    /** Trimmed, case kept: advertiser ids and mobile ad ids (IDFA, GAID) are hashed exactly as given. */
    public static final FieldRule ID_HASHED = hashed((s, ctx) -> s);

    // ---- unhashed values --------------------------------------------------------------------

    /**
     * An IPv4 or IPv6 address, sent as given (trimmed), never looked up: a user agent or a host name in the
     * column is refused rather than sent as an address Pinterest cannot match.
     */
    public static final FieldRule IP_ADDRESS = (raw, ctx) -> {
        String s = Values.text(raw);
        if (s == null) {
            return FieldValue.ABSENT;
        }
        if (IpAddresses.isAddress(s)) {
            return FieldValue.of(s);
        }
        return FieldValue.invalid(
                s.contains("/") && s.contains(" ") ? "text that looks like a user agent" : "text that is no IP address",
                "must be an IPv4 address (203.0.113.10) or an IPv6 address (2001:db8::1)");
    };

    /** Sent as given, trimmed. */
    public static final FieldRule PLAIN = (raw, ctx) -> FieldValue.of(Values.text(raw));

    public static FieldRule text(int maxLength) {
        return (raw, ctx) -> {
            String s = Values.text(raw);
            if (s != null && s.length() > maxLength) {
                return FieldValue.invalid(
                        "text of " + s.length() + " characters", "must be at most " + maxLength + " characters");
            }
            return FieldValue.of(s);
        };
    }

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

    /** A whole number within bounds, sent as a JSON integer. */
    public static FieldRule integer(long min, long max) {
        return (raw, ctx) -> {
            if (Values.text(raw) == null) {
                return FieldValue.ABSENT;
            }
            BigDecimal d = Values.decimal(raw);
            if (d == null || d.stripTrailingZeros().scale() > 0) {
                return FieldValue.invalid("text that is not a whole number", "must be a whole number");
            }
            if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
                return FieldValue.invalid("the number " + d.toPlainString(), "must be between " + min + " and " + max);
            }
            return FieldValue.of(d.longValueExact());
        };
    }

    public static final FieldRule BOOLEAN = (raw, ctx) -> {
        if (raw instanceof Boolean b) {
            return FieldValue.of(b);
        }
        String s = Values.text(raw);
        if (s == null) {
            return FieldValue.ABSENT;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> FieldValue.of(Boolean.TRUE);
            case "false", "f", "no", "n", "0" -> FieldValue.of(Boolean.FALSE);
            default -> FieldValue.invalid("'" + abbreviate(s) + "'", "must be true or false");
        };
    };

    /** One of a fixed list of values, in lower case; messages list them in the order given. */
    public static FieldRule oneOf(List<String> allowed) {
        return (raw, ctx) -> {
            String s = Values.text(raw);
            if (s == null) {
                return FieldValue.ABSENT;
            }
            String v = s.toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                return FieldValue.invalid("'" + abbreviate(s) + "'", "must be one of " + String.join(", ", allowed));
            }
            return FieldValue.of(v);
        };
    }

    /** ISO 4217, upper case. */
    public static final FieldRule CURRENCY = (raw, ctx) -> {
        String s = Values.text(raw);
        if (s == null) {
            return FieldValue.ABSENT;
        }
        String code = s.toUpperCase(Locale.ROOT);
        if (!isIsoCurrency(code)) {
            return FieldValue.invalid(
                    "'" + abbreviate(s) + "'", "must be an ISO 4217 currency code such as USD or EUR");
        }
        return FieldValue.of(code);
    };

    public static final FieldRule ACTION_SOURCE = oneOf(ACTION_SOURCES);

    public static final FieldRule EVENT_ID = text(256);

    /** ISO 639-1 two-letter language, from a code or a locale tag (en-US gives en). */
    public static final FieldRule LANGUAGE = (raw, ctx) -> {
        String s = Values.text(raw);
        if (s == null) {
            return FieldValue.ABSENT;
        }
        String lang = Locale.forLanguageTag(s.replace('_', '-')).getLanguage();
        if (lang.length() != 2 || !ISO_LANGUAGES.contains(lang)) {
            return FieldValue.invalid("'" + abbreviate(s) + "'", "must be an ISO 639-1 language code such as 'en'");
        }
        return FieldValue.of(lang);
    };

    /** Comma-separated privacy flags; Pinterest accepts LDP (Limited Data Processing). */
    public static final FieldRule OPT_OUT_TYPE = (raw, ctx) -> {
        String s = Values.text(raw);
        if (s == null) {
            return FieldValue.ABSENT;
        }
        Set<String> flags = new LinkedHashSet<>();
        for (String part : s.split(",")) {
            String flag = part.strip().toUpperCase(Locale.ROOT);
            if (flag.isEmpty()) {
                continue;
            }
            if (!flag.equals("LDP")) {
                return FieldValue.invalid(
                        "'" + abbreviate(s) + "'", "must be LDP (the one flag Pinterest accepts) or empty");
            }
            flags.add(flag);
        }
        return flags.isEmpty() ? FieldValue.ABSENT : FieldValue.of(String.join(",", flags));
    };

    /** A list of strings, from an array column, a JSON array or a single value; numbers become strings. */
    public static FieldRule stringList(int maxItems) {
        return (raw, ctx) -> {
            List<Object> elements;
            try {
                elements = jsonOrElements(raw);
            } catch (InvalidValue e) {
                return FieldValue.invalid(e.valueClass, e.rule);
            }
            List<String> out = new ArrayList<>();
            for (Object e : elements) {
                String s =
                        e instanceof JsonNode n ? (n.isValueNode() ? n.asText().strip() : null) : Values.text(e);
                if (s == null && e instanceof JsonNode n && !n.isValueNode()) {
                    return FieldValue.invalid(
                            "a JSON array holding objects or arrays", "must be a list of texts or numbers");
                }
                if (s != null && !s.isEmpty()) {
                    out.add(s);
                }
            }
            if (out.size() > maxItems) {
                return FieldValue.invalid(out.size() + " values", "must hold at most " + maxItems + " values");
            }
            return out.isEmpty() ? FieldValue.ABSENT : FieldValue.of(List.copyOf(out));
        };
    }

    public static final FieldRule STRING_LIST = stringList(Integer.MAX_VALUE);

    /**
     * The products of an event: a JSON array of objects (a json/jsonb or text column) with id, item_name,
     * item_category, item_brand (texts), item_price (a decimal, sent as a string) and quantity (whole).
     */
    public static final FieldRule CONTENTS = (raw, ctx) -> {
        List<Object> elements;
        try {
            elements = jsonOrElements(raw);
        } catch (InvalidValue e) {
            return FieldValue.invalid(e.valueClass, e.rule);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object e : elements) {
            JsonNode item = e instanceof JsonNode n ? n : JSON.valueToTree(e);
            if (!item.isObject()) {
                return FieldValue.invalid(
                        "a list whose items are not objects",
                        "must be a JSON array of objects with id, item_name, item_category, item_brand, item_price, quantity");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String key = f.getKey();
                JsonNode v = f.getValue();
                if (!CONTENTS_KEYS.contains(key)) {
                    return FieldValue.invalid(
                            "an item with the key '" + abbreviate(key) + "'",
                            "items take only id, item_name, item_category, item_brand, item_price, quantity");
                }
                if (v.isNull()) {
                    continue;
                }
                if (!v.isValueNode()) {
                    return FieldValue.invalid(
                            "an item whose " + key + " is not a single value", key + " must be a text or a number");
                }
                FieldValue fv = switch (key) {
                    case "item_price" -> MONEY.apply(v.asText(), ctx);
                    case "quantity" -> integer(0, Long.MAX_VALUE).apply(v.asText(), ctx);
                    default -> PLAIN.apply(v.asText(), ctx);
                };
                if (fv instanceof FieldValue.Invalid inv) {
                    return FieldValue.invalid(
                            "an item whose " + key + " is " + inv.valueClass(), key + " " + inv.rule());
                }
                if (fv instanceof FieldValue.Present p) {
                    out.put(key, p.json());
                }
            }
            if (!out.isEmpty()) {
                items.add(out);
            }
        }
        return items.isEmpty() ? FieldValue.ABSENT : FieldValue.of(List.copyOf(items));
    };

    /** Unix seconds from an instant, a timestamp (read in the activation's zone), a number or an ISO-8601 string. */
    public static final FieldRule EVENT_TIME = (raw, ctx) -> {
        Instant instant = instant(raw, ctx);
        if (instant == null) {
            return Values.text(raw) == null
                    ? FieldValue.ABSENT
                    : FieldValue.invalid(
                            "text that is not a date-time",
                            "must be a timestamp, Unix seconds or milliseconds, or an ISO-8601 date-time");
        }
        return FieldValue.of(instant.getEpochSecond());
    };

    /** A time that Pinterest wants as Unix seconds, with no age or future check (app install time). */
    public static final FieldRule UNIX_SECONDS = EVENT_TIME;

    // ---- helpers ----------------------------------------------------------------------------

    static FieldRule hashed(Normaliser normaliser) {
        return (raw, ctx) -> {
            try {
                if (raw instanceof String text) {
                    // the common case, one value in a text column: no set, no list of elements (five hashed fields a
                    // row)
                    String trimmed = text.strip();
                    if (!trimmed.startsWith("[") && !trimmed.startsWith("{")) {
                        String hash = hashOf(trimmed, normaliser, ctx);
                        return hash == null ? FieldValue.ABSENT : FieldValue.of(List.of(hash));
                    }
                }
                Set<String> hashes = new LinkedHashSet<>();
                List<Object> elements;
                try {
                    elements = jsonOrElements(raw);
                } catch (InvalidValue e) {
                    elements = List.of(raw);
                }
                for (Object element : elements) {
                    String trimmed = element instanceof JsonNode n
                            ? (n.isValueNode() ? n.asText().strip() : null)
                            : Values.text(element);
                    String hash = trimmed == null ? null : hashOf(trimmed, normaliser, ctx);
                    if (hash != null) {
                        hashes.add(hash);
                    }
                }
                return hashes.isEmpty() ? FieldValue.ABSENT : FieldValue.of(List.copyOf(hashes));
            } catch (InvalidValue e) {
                return FieldValue.invalid(e.valueClass, e.rule);
            }
        };
    }

    /** One trimmed value's digest: kept if already one, else normalised and hashed; null when nothing is left to send. */
    private static String hashOf(String trimmed, Normaliser normaliser, MappingContext ctx) throws InvalidValue {
        if (trimmed.isEmpty()) {
            return null;
        }
        if (Hashing.isSha256Hex(trimmed)) {
            return Hashing.hashUnlessDigest(trimmed);
        }
        String normalised = normaliser.normalise(trimmed, ctx);
        return normalised == null || normalised.isEmpty() ? null : Hashing.sha256Hex(normalised);
    }

    /**
     * The elements of a multi-valued column: an SQL array, a collection, or text holding a JSON array.
     * Any other value is one element.
     */
    static List<Object> jsonOrElements(Object raw) throws InvalidValue {
        if (raw instanceof String s && s.strip().startsWith("[")) {
            try {
                JsonNode node = JSON.readTree(s);
                List<Object> out = new ArrayList<>();
                node.forEach(out::add);
                return out;
            } catch (Exception e) {
                throw new InvalidValue("text that starts like a JSON array but is not one", "must be valid JSON");
            }
        }
        if (raw instanceof String s && s.strip().startsWith("{")) {
            try {
                return List.of(JSON.readTree(s));
            } catch (Exception e) {
                throw new InvalidValue("text that starts like a JSON object but is not one", "must be valid JSON");
            }
        }
        return Values.elements(raw);
    }

    /** The lower-case ISO code of a country given by code or English name, or null. */
    public static String countryCode(String s) {
        String lower = s.strip().toLowerCase(Locale.ROOT);
        if (TWO_LETTERS.matcher(lower).matches()) {
            return ISO_COUNTRIES.contains(lower.toUpperCase(Locale.ROOT)) || lower.equals("uk")
                    ? (lower.equals("uk") ? "gb" : lower)
                    : null;
        }
        return COUNTRY_BY_NAME.get(lettersOnly(lower));
    }

    private static Phonenumber.PhoneNumber parsePhone(String text, String region) {
        try {
            return PHONES.parse(text, region == null ? "ZZ" : region.toUpperCase(Locale.ROOT));
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.BASIC_ISO_DATE,
            DateTimeFormatter.ofPattern("uuuu/MM/dd").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT),
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("d MMM uuuu")
                    .toFormatter(Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT),
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("d MMMM uuuu")
                    .toFormatter(Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT),
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("MMM d, uuuu")
                    .toFormatter(Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT),
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("MMMM d, uuuu")
                    .toFormatter(Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT));

    private static final Pattern SLASHED = Pattern.compile("(\\d{1,2})[/-](\\d{1,2})[/-](\\d{4})");

    static LocalDate parseDate(String s) {
        String t = s.strip();
        if (t.length() > 10 && (t.charAt(10) == 'T' || t.charAt(10) == ' ') && t.charAt(4) == '-') {
            t = t.substring(0, 10);
        }
        for (DateTimeFormatter f : DATE_FORMATS) {
            try {
                return LocalDate.parse(t, f);
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        var m = SLASHED.matcher(t);
        if (m.matches()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            int y = Integer.parseInt(m.group(3));
            try {
                if (a > 12 && b <= 12) {
                    return LocalDate.of(y, b, a);
                }
                if (b > 12 && a <= 12) {
                    return LocalDate.of(y, a, b);
                }
                if (a == b) {
                    return LocalDate.of(y, a, b);
                }
            } catch (DateTimeException ignored) {
                return null;
            }
        }
        return null;
    }

    private static LocalDate toDate(Object raw, MappingContext ctx) {
        if (raw instanceof LocalDate d) {
            return d;
        }
        if (raw instanceof LocalDateTime l) {
            return l.toLocalDate();
        }
        return instant(raw, ctx).atZone(ctx.timezone()).toLocalDate();
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
        if (raw instanceof Timestamp t) {
            return t.toInstant();
        }
        if (raw instanceof LocalDateTime l) {
            return l.atZone(ctx.timezone()).toInstant();
        }
        if (raw instanceof LocalDate d) {
            return d.atStartOfDay(ctx.timezone()).toInstant();
        }
        if (raw instanceof Date d) {
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
     * Seconds, milliseconds and microseconds are told apart by size: 10^11 seconds is the year 5138, while
     * 10^11 milliseconds is March 1973, before any conversion Pinterest would take.
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

    static String lettersOnly(String s) {
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
        names.put("america", "us");
        names.put("uk", "gb");
        names.put("greatbritain", "gb");
        names.put("england", "gb");
        names.put("scotland", "gb");
        names.put("wales", "gb");
        names.put("northernireland", "gb");
        names.put("southkorea", "kr");
        names.put("russia", "ru");
        names.put("czechrepublic", "cz");
        names.put("holland", "nl");
        names.put("vietnam", "vn");
        return Map.copyOf(names);
    }

    private static Map<String, String> genders() {
        Map<String, String> g = new HashMap<>();
        for (String s : List.of("m", "male", "man", "men", "boy", "masculine", "h", "homme", "masculin")) {
            g.put(s, "m");
        }
        for (String s : List.of("f", "female", "woman", "women", "girl", "feminine", "w", "femme", "feminin")) {
            g.put(s, "f");
        }
        for (String s :
                List.of("n", "nonbinary", "nb", "enby", "x", "other", "genderqueer", "nonbinaire", "diverse", "d")) {
            g.put(s, "n");
        }
        for (String s : List.of(
                "u", "unknown", "unspecified", "prefernottosay", "prefernottoanswer", "na", "none", "declined")) {
            g.put(s, "");
        }
        return Map.copyOf(g);
    }
}
