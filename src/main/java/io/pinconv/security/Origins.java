package io.pinconv.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which browser origins may call the service: its own, and those of {@code conversions.security.allowed-origins}.
 * Its own origin is one of {@code conversions.security.server-names} with the scheme and port the request
 * reached the service by (so that a reverse proxy with forwarded headers keeps working). The name is never
 * taken from the request: the {@code Host} header is whatever the page that sent it was served from.
 */
@Component
public class Origins {

    private final Set<String> allowed;
    private final ServerNames serverNames;

    public Origins(SecuritySettings settings) {
        this.serverNames = ServerNames.of(settings.serverNames());
        this.allowed = allowedOrigins(settings.allowedOrigins());
    }

    /** An absent Origin (curl, scripts) is no browser's cross-site request. */
    public boolean isAllowed(String origin, HttpServletRequest request) {
        if (origin == null) {
            return true;
        }
        String o = normalise(origin);
        return allowed.contains(o) || isOwn(o, request);
    }

    private boolean isOwn(String normalisedOrigin, HttpServletRequest request) {
        if (normalisedOrigin.startsWith("invalid:")) {
            return false;
        }
        String host = URI.create(normalisedOrigin).getHost();
        return serverNames.contains(host)
                && normalisedOrigin.equals(origin(request.getScheme(), host, request.getServerPort()));
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || ("http".equals(s) && port == 80) || ("https".equals(s) && port == 443);
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** "null" (sandboxed pages, file: URLs) and anything unreadable normalise to something never allowed. */
    static String normalise(String origin) {
        try {
            URI u = URI.create(origin.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return "invalid:" + origin;
            }
            return origin(u.getScheme(), u.getHost(), u.getPort());
        } catch (IllegalArgumentException e) {
            return "invalid:" + origin;
        }
    }

    /** Each allowed origin must be one a browser sends: scheme, host and port, nothing else. */
    private static Set<String> allowedOrigins(List<String> configured) {
        List<String> problems = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            String raw = configured.get(i);
            String o = raw == null ? "invalid:" : normalise(raw);
            URI u = o.startsWith("invalid:") ? null : URI.create(raw.strip());
            if (u == null
                    || !(o.startsWith("http://") || o.startsWith("https://"))
                    || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !"/".equals(u.getRawPath()))
                    || u.getRawQuery() != null
                    || u.getRawFragment() != null
                    || u.getRawUserInfo() != null) {
                problems.add("conversions.security.allowed-origins[" + i + "] is '" + raw
                        + "': write an origin as browsers send it,"
                        + " scheme, host and port only, e.g. https://ops.example.com or http://localhost:3000");
            } else {
                origins.add(o);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "The allowed origins are misconfigured:\n  - " + String.join("\n  - ", problems));
        }
        return Set.copyOf(origins);
    }
}
