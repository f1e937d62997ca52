package io.pinconv.mapping;

import java.util.Map;

/**
 * An activation's mapping, resolved against its segment.
 *
 * @param activationId the activation, named in every rejection message
 * @param eventType    Pinterest event_name
 * @param columns      the segment column that feeds each mapped field
 * @param context      what the field rules need (time zone)
 */
public record ActivationMapping(
        String activationId,
        String eventType,
        Map<PinterestField, String> columns,
        MappingContext context) {

    public ActivationMapping {
        columns = Map.copyOf(columns);
    }

    public boolean maps(PinterestField field) {
        return columns.containsKey(field);
    }
}
