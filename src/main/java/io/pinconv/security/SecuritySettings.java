package io.pinconv.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code conversions.security.*}: the logins beside {@code spring.security.user} (which is the admin), the
 * names the service is reached by, the browser origins besides its own that may call it, and the bounds on
 * what a caller may send.
 *
 * @param users          by login name: {@code password} (plain, or encoded as {@code {bcrypt}...}) and {@code role}
 * @param allowedOrigins further origins, e.g. {@code https://ops.example.com} when a portal on another
 *                       origin embeds Hawtio
 * @param failedLogins   failed logins for one login name, or from one address, before the next attempts wait
 * @param serverNames    the host names browsers reach this service by (no scheme, port or path): a page served
 *                       from one of them is the service's own origin. Replaces the default, the loopback names
 * @param maxRequestBody the largest request body taken, on every path (the API and Jolokia among them)
 */
@ConfigurationProperties("conversions.security")
public record SecuritySettings(
        Map<String, UserSetting> users,
        List<String> allowedOrigins,
        Integer failedLogins,
        List<String> serverNames,
        DataSize maxRequestBody) {

    public static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");
    public static final DataSize DEFAULT_MAX_REQUEST_BODY = DataSize.ofMegabytes(1);

    public SecuritySettings {
        users = users == null ? Map.of() : users;
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins;
        failedLogins = failedLogins == null ? 5 : failedLogins;
        serverNames = serverNames == null ? LOOPBACK_NAMES : serverNames;
        maxRequestBody = maxRequestBody == null ? DEFAULT_MAX_REQUEST_BODY : maxRequestBody;
    }

    public record UserSetting(String password, String role) {}
}
