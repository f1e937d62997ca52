package io.pinconv.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The field catalogue: every Pinterest field a segment column can feed, under its readable name, with
 * where it goes in the event and the rule that normalises it. The API's short names (em, ph...) are aliases.
 */
public enum PinterestField {
    EVENT_TIME("event_time", Section.EVENT, "event_time", FieldRules.EVENT_TIME),
    ACTION_SOURCE("action_source", Section.EVENT, "action_source", FieldRules.ACTION_SOURCE),
    EVENT_ID("event_id", Section.EVENT, "event_id", FieldRules.EVENT_ID),

    EMAIL("email", Section.USER_DATA, "em", FieldRules.EMAIL_HASHED),
    PHONE("phone", Section.USER_DATA, "ph", FieldRules.PHONE_HASHED),
    FIRST_NAME("first_name", Section.USER_DATA, "fn", FieldRules.NAME_HASHED),
    LAST_NAME("last_name", Section.USER_DATA, "ln", FieldRules.NAME_HASHED),
    COUNTRY("country", Section.USER_DATA, "country", FieldRules.COUNTRY_HASHED),
    CLIENT_IP_ADDRESS("client_ip_address", Section.USER_DATA, "client_ip_address", FieldRules.PLAIN),
    CLIENT_USER_AGENT("client_user_agent", Section.USER_DATA, "client_user_agent", FieldRules.PLAIN),

    VALUE("value", Section.CUSTOM_DATA, "value", FieldRules.MONEY),
    CURRENCY("currency", Section.CUSTOM_DATA, "currency", FieldRules.CURRENCY),
    ORDER_ID("order_id", Section.CUSTOM_DATA, "order_id", FieldRules.PLAIN);

    /** Fields every event needs, whatever the event type (event_id is derived when unmapped). */
    public static final List<PinterestField> REQUIRED = List.of(EVENT_TIME, ACTION_SOURCE);

    private static final Map<String, PinterestField> BY_NAME = new HashMap<>();

    static {
        for (PinterestField f : values()) {
            BY_NAME.put(f.fieldName, f);
            if (f.section == Section.USER_DATA) {
                BY_NAME.putIfAbsent(f.apiKey, f);
            }
        }
    }

    private final String fieldName;
    private final Section section;
    private final String apiKey;
    private final FieldRule rule;

    PinterestField(String fieldName, Section section, String apiKey, FieldRule rule) {
        this.fieldName = fieldName;
        this.section = section;
        this.apiKey = apiKey;
        this.rule = rule;
    }

    /** The name used in an activation's {@code mapping}. */
    public String fieldName() {
        return fieldName;
    }

    public Section section() {
        return section;
    }

    /** The key in Pinterest's JSON. */
    public String apiKey() {
        return apiKey;
    }

    public FieldRule rule() {
        return rule;
    }

    /** Whether the value is personal data that must never appear in a message or a log. */
    public boolean isPersonal() {
        return section == Section.USER_DATA;
    }

    public static Optional<PinterestField> byName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(PinterestField::fieldName).toList();
    }
}
