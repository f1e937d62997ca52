package io.pinconv.mapping;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The field catalogue: every field of Pinterest's {@code ConversionEvents} (API v5.23) that a segment
 * column can feed, under a readable name, with where it goes in the event and the rule that normalises
 * it. The API's short names (em, ph, ge...) are accepted as aliases.
 */
public enum PinterestField {
    // event
    EVENT_TIME("event_time", "event_time", FieldRules.EVENT_TIME),
    ACTION_SOURCE("action_source", "action_source", FieldRules.ACTION_SOURCE),
    EVENT_ID("event_id", "event_id", FieldRules.EVENT_ID),
    EVENT_SOURCE_URL("event_source_url", "event_source_url", FieldRules.PLAIN),
    OPT_OUT("opt_out", "opt_out", FieldRules.BOOLEAN),
    PARTNER_NAME("partner_name", "partner_name", FieldRules.PLAIN),
    LANGUAGE("language", "language", FieldRules.LANGUAGE),
    APP_ID("app_id", "app_id", FieldRules.PLAIN),
    APP_NAME("app_name", "app_name", FieldRules.PLAIN),
    APP_VERSION("app_version", "app_version", FieldRules.PLAIN),
    DEVICE_BRAND("device_brand", "device_brand", FieldRules.PLAIN),
    DEVICE_CARRIER("device_carrier", "device_carrier", FieldRules.PLAIN),
    DEVICE_MODEL("device_model", "device_model", FieldRules.PLAIN),
    DEVICE_TYPE("device_type", "device_type", FieldRules.PLAIN),
    OS_VERSION("os_version", "os_version", FieldRules.PLAIN),
    WIFI("wifi", "wifi", FieldRules.BOOLEAN),

    // app_info
    APP_INFO_APP_ID("app_info.app_id", "app_info.app_id", FieldRules.text(200)),
    APP_INFO_APP_NAME("app_info.app_name", "app_info.app_name", FieldRules.text(200)),
    APP_INFO_APP_PACKAGE_NAME("app_info.app_package_name", "app_info.app_package_name", FieldRules.text(200)),
    APP_INFO_APP_STORE("app_info.app_store", "app_info.app_store", FieldRules.text(100)),
    APP_INFO_APP_VERSION("app_info.app_version", "app_info.app_version", FieldRules.text(100)),
    APP_INFO_INSTALL_TIME("app_info.install_time", "app_info.install_time", FieldRules.UNIX_SECONDS),
    APP_INFO_USER_AGENT("app_info.user_agent", "app_info.user_agent", FieldRules.text(16384)),
    APP_INFO_WINDOW_HEIGHT("app_info.window_height", "app_info.window_height", FieldRules.integer(0, 30720)),
    APP_INFO_WINDOW_WIDTH("app_info.window_width", "app_info.window_width", FieldRules.integer(0, 30720)),

    // device_info
    DEVICE_INFO_BATTERY_LEVEL("device_info.battery_level", "device_info.battery_level", FieldRules.integer(0, 100)),
    DEVICE_INFO_BRAND("device_info.brand", "device_info.brand", FieldRules.text(100)),
    DEVICE_INFO_CARRIER("device_info.carrier", "device_info.carrier", FieldRules.text(100)),
    DEVICE_INFO_CPU_CORES("device_info.cpu_cores", "device_info.cpu_cores", FieldRules.integer(0, 1152)),
    DEVICE_INFO_EXTERNAL_STORAGE_FREE_SPACE(
            "device_info.external_storage_free_space",
            "device_info.external_storage_free_space",
            FieldRules.integer(0, 1048576)),
    DEVICE_INFO_EXTERNAL_STORAGE_SIZE(
            "device_info.external_storage_size", "device_info.external_storage_size", FieldRules.integer(0, 1048576)),
    DEVICE_INFO_FORM_FACTOR(
            "device_info.form_factor",
            "device_info.form_factor",
            FieldRules.oneOf(
                    List.of("desktop", "laptop", "cellphone", "tablet", "smartwatch", "tv", "vr", "console", "other"))),
    DEVICE_INFO_KERNEL_VERSION("device_info.kernel_version", "device_info.kernel_version", FieldRules.text(100)),
    DEVICE_INFO_LANGUAGES("device_info.languages", "device_info.languages", FieldRules.stringList(100)),
    DEVICE_INFO_LOCALE("device_info.locale", "device_info.locale", FieldRules.text(35)),
    DEVICE_INFO_MODEL("device_info.model", "device_info.model", FieldRules.text(100)),
    DEVICE_INFO_NETWORK_TYPE(
            "device_info.network_type",
            "device_info.network_type",
            FieldRules.oneOf(List.of(
                    "wifi",
                    "cellular_2g",
                    "cellular_3g",
                    "cellular_4g",
                    "cellular_5g",
                    "cellular_6g",
                    "ethernet",
                    "unknown"))),
    DEVICE_INFO_OS_FAMILY(
            "device_info.os_family",
            "device_info.os_family",
            FieldRules.oneOf(List.of("ios", "android", "macos", "windows", "linux", "bsd", "other"))),
    DEVICE_INFO_OS_NAME("device_info.os_name", "device_info.os_name", FieldRules.text(100)),
    DEVICE_INFO_OS_RELEASE_NAME("device_info.os_release_name", "device_info.os_release_name", FieldRules.text(100)),
    DEVICE_INFO_OS_VERSION("device_info.os_version", "device_info.os_version", FieldRules.text(100)),
    DEVICE_INFO_SCREEN_DENSITY(
            "device_info.screen_density", "device_info.screen_density", FieldRules.integer(0, 100000)),
    DEVICE_INFO_SCREEN_HEIGHT("device_info.screen_height", "device_info.screen_height", FieldRules.integer(0, 30720)),
    DEVICE_INFO_SCREEN_WIDTH("device_info.screen_width", "device_info.screen_width", FieldRules.integer(0, 30720)),
    DEVICE_INFO_STORAGE_FREE_SPACE(
            "device_info.storage_free_space", "device_info.storage_free_space", FieldRules.integer(0, 1048576)),
    DEVICE_INFO_STORAGE_SIZE("device_info.storage_size", "device_info.storage_size", FieldRules.integer(0, 1048576)),
    DEVICE_INFO_TIMEZONE("device_info.timezone", "device_info.timezone", FieldRules.text(40)),
    DEVICE_INFO_TIMEZONE_ABBR("device_info.timezone_abbr", "device_info.timezone_abbr", FieldRules.text(5)),
    DEVICE_INFO_TYPE("device_info.type", "device_info.type", FieldRules.text(100)),

    // user data: hashed
    EMAIL("email", "user_data.em", FieldRules.EMAIL_HASHED, "em"),
    PHONE("phone", "user_data.ph", FieldRules.PHONE_HASHED, "ph"),
    FIRST_NAME("first_name", "user_data.fn", FieldRules.NAME_HASHED, "fn"),
    LAST_NAME("last_name", "user_data.ln", FieldRules.NAME_HASHED, "ln"),
    GENDER("gender", "user_data.ge", FieldRules.GENDER_HASHED, "ge"),
    DATE_OF_BIRTH("date_of_birth", "user_data.db", FieldRules.DATE_OF_BIRTH_HASHED, "db"),
    CITY("city", "user_data.ct", FieldRules.CITY_HASHED, "ct"),
    STATE("state", "user_data.st", FieldRules.STATE_HASHED, "st"),
    ZIP("zip", "user_data.zp", FieldRules.ZIP_HASHED, "zp"),
    COUNTRY("country", "user_data.country", FieldRules.COUNTRY_HASHED),
    EXTERNAL_ID("external_id", "user_data.external_id", FieldRules.ID_HASHED),
    MOBILE_AD_ID("mobile_ad_id", "user_data.hashed_maids", FieldRules.ID_HASHED, "hashed_maids"),
    // user data: sent in clear, as the API requires
    CLIENT_IP_ADDRESS("client_ip_address", "user_data.client_ip_address", FieldRules.IP_ADDRESS),
    CLIENT_USER_AGENT("client_user_agent", "user_data.client_user_agent", FieldRules.PLAIN),
    CLICK_ID("click_id", "user_data.click_id", FieldRules.PLAIN),
    PARTNER_ID("partner_id", "user_data.partner_id", FieldRules.PLAIN),

    // custom data
    VALUE("value", "custom_data.value", FieldRules.MONEY),
    CURRENCY("currency", "custom_data.currency", FieldRules.CURRENCY),
    ORDER_ID("order_id", "custom_data.order_id", FieldRules.PLAIN),
    CONTENT_IDS("content_ids", "custom_data.content_ids", FieldRules.STRING_LIST),
    CONTENTS("contents", "custom_data.contents", FieldRules.CONTENTS),
    NUM_ITEMS("num_items", "custom_data.num_items", FieldRules.integer(0, Long.MAX_VALUE)),
    CONTENT_NAME("content_name", "custom_data.content_name", FieldRules.PLAIN),
    CONTENT_CATEGORY("content_category", "custom_data.content_category", FieldRules.PLAIN),
    CONTENT_BRAND("content_brand", "custom_data.content_brand", FieldRules.PLAIN),
    SEARCH_STRING("search_string", "custom_data.search_string", FieldRules.PLAIN),
    OPT_OUT_TYPE("opt_out_type", "custom_data.opt_out_type", FieldRules.OPT_OUT_TYPE),
    PREDICTED_LTV("predicted_ltv", "custom_data.predicted_ltv", FieldRules.MONEY),
    NP("np", "custom_data.np", FieldRules.PLAIN),
    EXTERNAL_MEASUREMENT_ID("external_measurement_id", "custom_data.external_measurement_id", FieldRules.PLAIN),
    EXTERNAL_MEASUREMENT_VENDOR_ID(
            "external_measurement_vendor_id",
            "custom_data.external_measurement_vendor_id",
            FieldRules.integer(Integer.MIN_VALUE, Integer.MAX_VALUE));

    /** Fields every event needs, whatever the event type (event_id is derived when unmapped). */
    public static final List<PinterestField> REQUIRED = List.of(EVENT_TIME, ACTION_SOURCE);

    /** Fields that must come from a column: a constant would give every row the same time or id. */
    public static final Set<PinterestField> COLUMN_ONLY = Set.of(EVENT_TIME, EVENT_ID);

    private static final Map<String, PinterestField> BY_NAME = new HashMap<>();

    static {
        for (PinterestField f : values()) {
            BY_NAME.put(f.fieldName, f);
            for (String alias : f.aliases) {
                BY_NAME.put(alias, f);
            }
        }
    }

    private final String fieldName;
    private final List<String> path;
    private final FieldRule rule;
    private final List<String> aliases;

    PinterestField(String fieldName, String path, FieldRule rule, String... aliases) {
        this.fieldName = fieldName;
        this.path = List.of(path.split("\\."));
        this.rule = rule;
        this.aliases = List.of(aliases);
    }

    /** The name used in an activation's {@code mapping}. */
    public String fieldName() {
        return fieldName;
    }

    /** Where the value goes in the event object, key by key. */
    public List<String> path() {
        return path;
    }

    public FieldRule rule() {
        return rule;
    }

    public List<String> aliases() {
        return aliases;
    }

    public static Optional<PinterestField> byName(String name) {
        return Optional.ofNullable(
                name == null ? null : BY_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(PinterestField::fieldName).toList();
    }
}
