package io.pinconv.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Whether each source answers, as health and the admin API show it. A source is asked at most every
 * {@link #ASKED_EVERY}: health is polled often, and a warehouse may take seconds (or bill) to answer.
 */
@Component
public class SourceStatuses {

    static final Duration ASKED_EVERY = Duration.ofSeconds(30);

    private final Sources sources;
    private final Clock clock;
    private Map<String, SourceStatus> last = Map.of();
    private Instant askedAt = Instant.MIN;

    public SourceStatuses(Sources sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    /** Each source's status, asked again once the last answer is older than {@link #ASKED_EVERY}. */
    public synchronized List<SourceStatus> all() {
        Instant now = clock.instant();
        if (askedAt.plus(ASKED_EVERY).isBefore(now)) {
            last = sources.probeAll();
            askedAt = now;
        }
        return List.copyOf(last.values());
    }
}
