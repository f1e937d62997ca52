package io.pinconv.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Failed logins, counted twice: per login name and per client address. Each failure is logged (login name and
 * address, never the password). Once either count reaches {@code conversions.security.failed-logins}, an
 * attempt for that name, or from that address, waits before it is even checked: 1 s, then twice as long after
 * each further failure, at most 5 minutes.
 *
 * <p>A successful login clears its own name's count and nothing else: a guesser who holds one valid login
 * (a viewer's) must not wipe out the failures it piles up on another name (the admin's) by logging in between
 * guesses. The address's count is cleared by no login, since anyone may log in from an address; it is
 * forgotten, like a name's, after 15 minutes without a failure.
 *
 * <p>Kept per instance, in memory: it slows a guesser down, it is not a record of anything.
 */
@Component
public class LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger("io.pinconv.security.logins");
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    private static final Duration FORGOTTEN_AFTER = Duration.ofMinutes(15);

    private record Failures(int count, Instant last) {}

    /** How long an attempt must still wait, and whose failures it waits for. */
    public record Wait(Duration left, String reason) {
        static final Wait NONE = new Wait(Duration.ZERO, null);

        boolean isNone() {
            return left.isZero();
        }
    }

    private final Cache<String, Failures> byName;
    private final Cache<String, Failures> byAddress;
    private final int allowed;
    private final Clock clock;

    public LoginAttempts(SecuritySettings settings, Clock clock) {
        if (settings.failedLogins() < 1) {
            throw new IllegalStateException("conversions.security.failed-logins is " + settings.failedLogins()
                    + ": write how many failed logins are let through before attempts wait, 1 or more (default 5)");
        }
        this.allowed = settings.failedLogins();
        this.clock = clock;
        // forgotten by the service's clock, as the waits are
        this.byName = cache();
        this.byAddress = cache();
    }

    private Cache<String, Failures> cache() {
        return Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterWrite(FORGOTTEN_AFTER)
                .maximumSize(100_000)
                .build();
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        String name = event.getAuthentication().getName();
        String address = address(event.getAuthentication());
        Failures forName = count(byName, nameKey(name));
        Failures fromAddress = count(byAddress, address);
        Failures worse = forName.count() >= fromAddress.count() ? forName : fromAddress;
        log.warn(
                "Failed login for '{}' from {} ({} in a row for this name, {} from this address{})",
                printable(name),
                address,
                forName.count(),
                fromAddress.count(),
                worse.count() >= allowed
                        ? "; the next attempt " + (worse == forName ? "for this name" : "from this address") + " waits "
                                + wait(worse.count()).toSeconds() + " s"
                        : "");
    }

    private Failures count(Cache<String, Failures> cache, String key) {
        return cache.asMap()
                .merge(key, new Failures(1, clock.instant()), (old, one) -> new Failures(old.count() + 1, one.last()));
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        byName.invalidate(nameKey(event.getAuthentication().getName()));
    }

    /**
     * How long an attempt to log in as that name (null when unreadable) from that address must still wait;
     * {@link Wait#NONE} when it may try now.
     */
    public Wait waitFor(String name, String rawAddress) {
        Duration forName = name == null ? Duration.ZERO : left(byName.getIfPresent(nameKey(name)));
        Duration fromAddress = left(byAddress.getIfPresent(ClientAddress.of(rawAddress)));
        if (forName.isZero() && fromAddress.isZero()) {
            return Wait.NONE;
        }
        return forName.compareTo(fromAddress) >= 0
                ? new Wait(forName, "too many failed logins for this login name")
                : new Wait(fromAddress, "too many failed logins from this address");
    }

    private Duration left(Failures f) {
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

    /** Login names are looked up without regard to case (InMemoryUserDetailsManager): so are they counted. */
    private static String nameKey(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    private static String address(Authentication authentication) {
        return ClientAddress.of(
                authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null);
    }

    /** A login name is whatever the caller typed: no line breaks or control characters reach the log. */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        String s = name.codePoints()
                .filter(c -> !Character.isISOControl(c)
                        && Character.getType(c) != Character.FORMAT
                        && Character.getType(c) != Character.LINE_SEPARATOR
                        && Character.getType(c) != Character.PARAGRAPH_SEPARATOR)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
