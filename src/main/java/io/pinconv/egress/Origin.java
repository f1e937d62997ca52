package io.pinconv.egress;

import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes: scheme, host and port, as a browser's origin. Ports are written out (443 for
 * https, 80 for http), so that {@code https://api.pinterest.com} and {@code https://api.pinterest.com:443}
 * are one origin.
 */
public record Origin(String scheme, String host, int port) {

    public Origin {
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = bare(host.toLowerCase(Locale.ROOT));
        port = port > 0 ? port : ("https".equals(scheme) ? 443 : 80);
    }

    /** The origin of an http(s) URL, or of {@code host[:port]} (https); null when it names none. */
    public static Origin parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            URI u = URI.create(t.contains("://") ? t : "https://" + t);
            if (u.getHost() == null
                    || u.getScheme() == null
                    || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
                return null;
            }
            return new Origin(u.getScheme(), u.getHost(), u.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean isHttps() {
        return "https".equals(scheme);
    }

    /** localhost and its subdomains (RFC 6761): this machine by name, to be checked at call time. */
    public boolean isLocalhostName() {
        return host.equals("localhost") || host.endsWith(".localhost");
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
