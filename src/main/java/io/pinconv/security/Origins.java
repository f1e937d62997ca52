package io.pinconv.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which browser origins may call the service: its own (as the request reached it, so that a reverse proxy
 * with forwarded headers keeps working) and those of {@code conversions.security.allowed-origins}.
 */
@Component
public class Origins {

    private final Set<String> allowed;

    public Origins(SecuritySettings settings) {
        this.allowed = settings.allowedOrigins().stream().map(Origins::normalise).collect(Collectors.toUnmodifiableSet());
    }

    /** An absent Origin (curl, scripts) is no browser's cross-site request. */
    public boolean isAllowed(String origin, HttpServletRequest request) {
        if (origin == null) {
            return true;
        }
        String o = normalise(origin);
        return o.equals(own(request)) || allowed.contains(o);
    }

    static String own(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** "null" (sandboxed pages, file: URLs) and anything unreadable normalise to something never allowed. */
    static String normalise(String origin) {
        try {
            URI u = URI.create(origin.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return "invalid:" + origin;
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return "invalid:" + origin;
        }
    }
}
