package io.pinconv.mapping;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * An activation's mapping, resolved against its segment.
 *
 * @param activationId the activation, named in every rejection message
 * @param eventType    Pinterest event_name
 * @param columns      the segment column that feeds each field mapped to a column
 * @param constants    the value of each field mapped to a constant (same for every row)
 * @param context      what the field rules need (time zone, default region)
 * @param maxAge       events older than this are held back (the activation's look-back, at most 7 days)
 * @param onInvalidField what a value that cannot be normalised costs: the field (drop, the default) or the row
 */
public record ActivationMapping(
        String activationId,
        String eventType,
        Map<PinterestField, String> columns,
        Map<PinterestField, Object> constants,
        MappingContext context,
        Duration maxAge,
        InvalidFieldPolicy onInvalidField) {

    public ActivationMapping {
        maxAge = maxAge == null ? EventMapper.MAX_AGE : maxAge;
        onInvalidField = onInvalidField == null ? InvalidFieldPolicy.DROP : onInvalidField;
        columns = columns.isEmpty() ? Map.of() : new EnumMap<>(columns);
        constants = constants.isEmpty() ? Map.of() : new EnumMap<>(constants);
    }

    public ActivationMapping(
            String activationId, String eventType, Map<PinterestField, String> columns, MappingContext context) {
        this(activationId, eventType, columns, Map.of(), context, null, null);
    }

    /** The same mapping with another policy for values that cannot be normalised. */
    public ActivationMapping withOnInvalidField(InvalidFieldPolicy policy) {
        return new ActivationMapping(activationId, eventType, columns, constants, context, maxAge, policy);
    }

    public boolean maps(PinterestField field) {
        return columns.containsKey(field) || constants.containsKey(field);
    }

    /** Every mapped field, columns and constants, in catalogue order. */
    public Set<PinterestField> fields() {
        EnumMap<PinterestField, Boolean> all = new EnumMap<>(PinterestField.class);
        columns.keySet().forEach(f -> all.put(f, true));
        constants.keySet().forEach(f -> all.put(f, true));
        return all.keySet();
    }

    /** The raw value of a field for a row: its constant, or the row's value of its column. */
    public Object raw(PinterestField field, Map<String, Object> row) {
        Object constant = constants.get(field);
        return constant != null ? constant : row.get(field.fieldName());
    }

    /** How a message names where a field's value came from. */
    public String source(PinterestField field) {
        if (constants.containsKey(field)) {
            return "the constant given in mapping." + field.fieldName();
        }
        String column = columns.get(field);
        return column == null ? field.fieldName() + " (not mapped)" : "column '" + column + "'";
    }
}
