package io.pinconv.routes;

import java.util.Locale;
import java.util.Set;

/**
 * The endpoint schemes route files may use: the ones the packaged routes need (direct, quartz, http,
 * https) and log, whose output never holds a body (BodilessLogFormatter). Anything else (file:, exec:,
 * language:, sql:...) would let a route file read or change the machine, so both the text check
 * (RouteVetting) and the running contexts (EndpointSchemeGuard) refuse it.
 */
public final class AllowedSchemes {

    public static final Set<String> SCHEMES = Set.of("direct", "quartz", "http", "https", "log");

    /** For messages, in a fixed order. */
    public static final String LISTED = "direct, quartz, http, https, log";

    private AllowedSchemes() { }

    public static boolean allows(String scheme) {
        return scheme != null && SCHEMES.contains(scheme.toLowerCase(Locale.ROOT));
    }

    /** The scheme of {@code uri}, or null when it names none (a bare name is a registry lookup). */
    public static String schemeOf(String uri) {
        if (uri == null) {
            return null;
        }
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String scheme = uri.substring(0, colon).strip();
        return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") ? scheme : null;
    }
}
