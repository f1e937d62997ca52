package io.pinconv.mapping;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The id an event is known by, in the ledger and at Pinterest: the mapped {@code event_id} column, or,
 * when none is mapped, a digest of the row's mapped column values, stable across runs so a row is
 * never sent twice.
 */
public final class EventIds {

    private EventIds() {}

    /** The event id of a row, or null when {@code event_id} is mapped and the row's value is empty. */
    public static String of(ActivationMapping mapping, Map<String, Object> row) {
        if (mapping.maps(PinterestField.EVENT_ID)) {
            Object raw = row.get(PinterestField.EVENT_ID.fieldName());
            return raw == null ? null : Values.text(raw);
        }
        return derived(mapping, row);
    }

    /**
     * A digest of the raw column values (before normalisation, so that a refined normalisation rule never
     * changes the id of a row already delivered).
     */
    public static String derived(ActivationMapping mapping, Map<String, Object> row) {
        StringBuilder canonical = new StringBuilder();
        Map<String, Object> sorted = new TreeMap<>();
        for (PinterestField f : mapping.columns().keySet()) {
            sorted.put(f.fieldName(), row.get(f.fieldName()));
        }
        sorted.forEach((name, raw) ->
                canonical.append(name).append('=').append(canonical(raw)).append('\u001f'));
        return Hashing.sha256Hex(canonical.toString()).substring(0, 32);
    }

    private static String canonical(Object raw) {
        if (raw == null) {
            return "";
        }
        if (raw instanceof Number) {
            BigDecimal d = Values.decimal(raw);
            return d == null ? raw.toString() : d.stripTrailingZeros().toPlainString();
        }
        if (raw instanceof LocalDateTime l) {
            return l.toString();
        }
        if (raw instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (raw instanceof OffsetDateTime o) {
            return o.toInstant().toString();
        }
        if (raw.getClass().isArray() || raw instanceof Collection<?>) {
            return Values.elements(raw).stream()
                    .map(EventIds::canonical)
                    .toList()
                    .toString();
        }
        return raw.toString();
    }
}
