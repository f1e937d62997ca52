package io.pinconv.mapping;

/** Where a field sits in a Pinterest event. */
public enum Section {
    EVENT(null),
    USER_DATA("user_data"),
    CUSTOM_DATA("custom_data");

    private final String jsonKey;

    Section(String jsonKey) {
        this.jsonKey = jsonKey;
    }

    /** The key of the nested object, null for top-level event keys. */
    public String jsonKey() {
        return jsonKey;
    }
}
