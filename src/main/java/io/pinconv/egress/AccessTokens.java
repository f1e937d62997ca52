package io.pinconv.egress;

import io.pinconv.config.ConversionsProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The destinations' access tokens ({@code conversions.destinations.<id>.access-token}) and their optional OAuth
 * tokens with {@code ads:read} ({@code oauth-token}, for Pinterest's Event Quality Score, which the conversion token
 * cannot read), and the only place that holds them. They are bound here, apart from the destinations' other settings, so that no object the
 * rest of the service hands out (an activation, a destination, the configuration) carries one: a route
 * step that gets hold of those objects finds no token in them. The token is read in one place only, where
 * the HTTP client adds it to a request bound for its destination's own host (HttpEgressGuard). Route files
 * cannot name this bean (its package is off limits to them).
 */
@Component
public class AccessTokens {

    static final String PREFIX = "conversions.destinations";

    private final Map<String, String> byDestination;
    private final Map<String, String> oauthByDestination;

    @Autowired
    public AccessTokens(ConversionsProperties properties, Environment environment) {
        this(
                tokens(properties.destinations().keySet(), Binder.get(environment), "access-token"),
                tokens(properties.destinations().keySet(), Binder.get(environment), "oauth-token"));
    }

    private static Map<String, String> tokens(Set<String> destinations, Binder binder, String key) {
        Map<String, String> found = new HashMap<>();
        for (String id : destinations) {
            binder.bind(PREFIX + "." + id + "." + key, Bindable.of(String.class))
                    .ifBound(token -> found.put(id, token.strip()));
        }
        return found;
    }

    AccessTokens(Map<String, String> byDestination) {
        this(byDestination, Map.of());
    }

    AccessTokens(Map<String, String> byDestination, Map<String, String> oauthByDestination) {
        this.byDestination = Map.copyOf(byDestination);
        this.oauthByDestination = Map.copyOf(oauthByDestination);
    }

    public static AccessTokens of(Map<String, String> byDestination) {
        return new AccessTokens(byDestination);
    }

    /** Access tokens and OAuth tokens (ads:read), by destination. */
    public static AccessTokens of(Map<String, String> byDestination, Map<String, String> oauthByDestination) {
        return new AccessTokens(byDestination, oauthByDestination);
    }

    /** Whether the destination has an OAuth token with ads:read ({@code oauth-token}): its quality score can be read. */
    public boolean hasOAuthToken(String destinationId) {
        String t = oauthByDestination.get(destinationId);
        return t != null && !t.isBlank();
    }

    public boolean isSet(String destinationId) {
        String t = byDestination.get(destinationId);
        return t != null && !t.isBlank();
    }

    /** Tells tokens apart without keeping them: a short digest, not reversible (a changed token resumes a paused destination). */
    public String fingerprint(String destinationId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(byDestination.getOrDefault(destinationId, "").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** {@code Bearer <token>}, for HttpEgressGuard only. */
    String bearer(String destinationId) {
        String t = byDestination.get(destinationId);
        return t == null || t.isBlank() ? null : "Bearer " + t;
    }

    /** {@code Bearer <oauth-token>}, for HttpEgressGuard only. */
    String oauthBearer(String destinationId) {
        String t = oauthByDestination.get(destinationId);
        return t == null || t.isBlank() ? null : "Bearer " + t;
    }

    @Override
    public String toString() {
        return "AccessTokens[" + byDestination.size() + " destinations, " + oauthByDestination.size()
                + " OAuth tokens]";
    }
}
