package io.pinconv.pinterest;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Only the headers Pinterest needs leave the process: whatever else an exchange carries (Quartz's job
 * details, JDBC metadata, anything a route edit adds) is never sent as an HTTP header. Authorization is not
 * among them: the HTTP client adds the token itself, from the destination the request names
 * (Conversions-Destination, or Conversions-Destination-Read for its OAuth token; removed there before the request
 * leaves).
 */
@Component("pinterestHeaderFilter")
public class PinterestHeaderFilter implements HeaderFilterStrategy {

    private static final Set<String> OUTBOUND =
            Set.of("content-type", "accept", "conversions-destination", "conversions-destination-read");
    private static final Set<String> INBOUND = Set.of("retry-after", "content-type");

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !OUTBOUND.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return !INBOUND.contains(name.toLowerCase(Locale.ROOT));
    }
}
