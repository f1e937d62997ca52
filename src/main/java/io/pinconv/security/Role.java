package io.pinconv.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a login may do. Each role includes the ones before it: an operator is also a viewer, an admin
 * also an operator. The inclusion is written out as authorities (ROLE_ADMIN, ROLE_OPERATOR, ROLE_VIEWER)
 * so that every check, Spring's, Actuator's and Jolokia's, sees the same thing.
 */
public enum Role {
    /** Reads: the API's GETs and previews, Hawtio and Jolokia read-only, metrics, health details. */
    VIEWER,
    /** Also acts on activations: run now, pause, resume, replay, backfill. */
    OPERATOR,
    /** Also reloads the routes and starts or stops routes in Hawtio. */
    ADMIN;

    /** The role names a user is granted, its own and the ones it includes. */
    public String[] grantedRoles() {
        return Arrays.stream(values())
                .filter(r -> r.ordinal() <= ordinal())
                .map(Role::name)
                .toArray(String[]::new);
    }

    /** Reads {@code viewer}, {@code operator} or {@code admin}, in any case. */
    public static Role parse(String value, String setting) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.name().equals(v)) {
                return r;
            }
        }
        throw new IllegalStateException(setting + " is '" + value + "': write one of " + names());
    }

    public static String names() {
        return Arrays.stream(values())
                .map(r -> r.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    public static List<String> all() {
        return Arrays.stream(values()).map(Role::name).toList();
    }
}
