package io.pinconv.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code conversions.security.*}: the logins beside {@code spring.security.user} (which is the admin), and
 * the browser origins besides the service's own that may call state-changing endpoints.
 *
 * @param users          by login name: {@code password} (plain, or encoded as {@code {bcrypt}...}) and {@code role}
 * @param allowedOrigins further origins, e.g. {@code https://ops.example.com} when a portal on another
 *                       origin embeds Hawtio; the service's own origin is always allowed
 * @param failedLogins   consecutive failed logins from one address before the next attempts are refused for a while
 */
@ConfigurationProperties("conversions.security")
public record SecuritySettings(Map<String, UserSetting> users, List<String> allowedOrigins, Integer failedLogins) {

    public SecuritySettings {
        users = users == null ? Map.of() : users;
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins;
        failedLogins = failedLogins == null ? 5 : failedLogins;
    }

    public record UserSetting(String password, String role) { }
}
