package io.pinconv.mapping;

import java.time.ZoneId;

/**
 * What a field rule may need beyond the value itself.
 *
 * @param timezone zone of timestamps stored without one
 */
public record MappingContext(ZoneId timezone) {

    public static final MappingContext UTC = new MappingContext(java.time.ZoneOffset.UTC);
}
