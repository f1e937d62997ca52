package io.pinconv.mapping;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What a field rule may need beyond the value itself.
 *
 * @param timezone      zone of timestamps stored without one (the activation's {@code timezone})
 * @param defaultRegion ISO 3166 code (lower case) for national phone numbers and postcodes, or null
 * @param country       the row's own country code (lower case) when it has one, else null
 */
public record MappingContext(ZoneId timezone, String defaultRegion, String country) {

    public static final MappingContext UTC = new MappingContext(ZoneOffset.UTC, null, null);

    public MappingContext(ZoneId timezone) {
        this(timezone, null, null);
    }

    /** The row's country, or the activation's default region. */
    public String effectiveCountry() {
        return country != null ? country : defaultRegion;
    }

    public MappingContext withCountry(String rowCountry) {
        return rowCountry == null || rowCountry.equals(country)
                ? this
                : new MappingContext(timezone, defaultRegion, rowCountry);
    }
}
