package io.pinconv.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The logins, read from the configuration and checked at startup: {@code spring.security.user.*} is the
 * admin, {@code conversions.security.users.<name>} the others with their role. A password is either plain
 * or encoded the way Spring Security writes it ({@code {bcrypt}$2a$10$...}).
 */
final class Logins {

    private static final Logger log = LoggerFactory.getLogger(Logins.class);
    private static final Pattern ENCODED = Pattern.compile("^\\{[a-zA-Z0-9_-]+}.*");

    private Logins() {}

    static PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    static InMemoryUserDetailsManager from(SecurityProperties security, SecuritySettings settings) {
        List<String> problems = new ArrayList<>();
        List<UserDetails> users = new ArrayList<>();
        SecurityProperties.User admin = security.getUser();
        String adminPassword = admin.getPassword();
        if (admin.isPasswordGenerated()) {
            // Spring Boot would make a password up and print it in the log; here the admin login stays unusable
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            adminPassword = HexFormat.of().formatHex(random);
            log.warn("No spring.security.user.password is set: the admin login is locked."
                    + " Set spring.security.user.name and spring.security.user.password to use it");
        }
        users.add(user(admin.getName(), adminPassword, Role.ADMIN));
        for (Map.Entry<String, SecuritySettings.UserSetting> e :
                settings.users().entrySet()) {
            String setting = "conversions.security.users." + e.getKey();
            SecuritySettings.UserSetting u = e.getValue();
            if (e.getKey().equals(admin.getName())) {
                problems.add(setting + ": '" + e.getKey()
                        + "' is already the admin login (spring.security.user.name); choose another name");
                continue;
            }
            if (u == null || u.password() == null || u.password().isBlank()) {
                problems.add(setting + ".password is empty: set one (plain, or encoded as {bcrypt}...)");
                continue;
            }
            try {
                users.add(user(e.getKey(), u.password(), Role.parse(u.role(), setting + ".role")));
            } catch (IllegalStateException bad) {
                problems.add(bad.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The logins are misconfigured:\n  - " + String.join("\n  - ", problems));
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails user(String name, String password, Role role) {
        String stored = ENCODED.matcher(password).matches() ? password : "{noop}" + password;
        return User.withUsername(name)
                .password(stored)
                .roles(role.grantedRoles())
                .build();
    }
}
