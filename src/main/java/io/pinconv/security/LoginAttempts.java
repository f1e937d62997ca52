package io.pinconv.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Failed logins: each one is logged (login name and client address, never the password), and after
 * {@code conversions.security.failed-logins} failures in a row from one address, that address waits before
 * its next attempt is even checked: 1 s, then twice as long after each further failure, at most 5 minutes.
 * A successful login from the address clears its count; a quiet address is forgotten after 15 minutes.
 *
 * <p>Kept per instance, in memory: it slows a guesser down, it is not a record of anything.
 */
@Component
public class LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger("io.pinconv.security.logins");
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    private record Failures(int count, Instant last) { }

    private final Cache<String, Failures> byAddress = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(15)).maximumSize(100_000).build();
    private final int allowed;
    private final Clock clock;

    public LoginAttempts(SecuritySettings settings, Clock clock) {
        this.allowed = Math.max(1, settings.failedLogins());
        this.clock = clock;
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        String address = address(event.getAuthentication());
        Failures f = byAddress.asMap().merge(address, new Failures(1, clock.instant()),
                (old, one) -> new Failures(old.count() + 1, one.last()));
        log.warn("Failed login for '{}' from {} ({} in a row{})", printable(event.getAuthentication().getName()), address,
                f.count(), f.count() >= allowed ? "; next attempt from this address waits " + wait(f.count()).toSeconds() + " s" : "");
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        byAddress.invalidate(address(event.getAuthentication()));
    }

    /** How long the address must still wait before a login is checked; zero when it may try now. */
    public Duration waitFor(String address) {
        Failures f = byAddress.getIfPresent(address);
        if (f == null || f.count() < allowed) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), f.last().plus(wait(f.count())));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private Duration wait(int failures) {
        int doublings = Math.min(failures - allowed, 20);
        Duration d = Duration.ofSeconds(1L << doublings);
        return d.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : d;
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
                ? d.getRemoteAddress() : "unknown";
    }

    /** A login name is whatever the caller typed: no line breaks or control characters reach the log. */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        String s = name.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                        && Character.getType(c) != Character.LINE_SEPARATOR && Character.getType(c) != Character.PARAGRAPH_SEPARATOR)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
