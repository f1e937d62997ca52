package io.pinconv.config;

import java.time.Duration;

/**
 * How delivery copes with failures: {@code conversions.delivery.*}.
 *
 * @param maxRetries            retries of a request after a transient failure (429, 5xx, time-out, network)
 * @param retryDelayMs          first back-off, doubled at each retry, with jitter
 * @param maxRetryAfter         the longest Pinterest's Retry-After is waited for; longer asks wait this long
 * @param refusedTokenCooldown  after a 401/403, how long the same token is not tried again
 * @param requestsPerMinute     rate limit per ad account, shared by all its activations
 * @param breakerFailureRate    percentage of failed calls that opens a destination's circuit breaker
 * @param breakerOpenFor        how long an open breaker refuses calls before letting a few through
 * @param chunksInParallel      chunks of one run mapped and delivered side by side (1 to 16): one is
 *                              mapped while another waits on Pinterest or the database
 * @param maxHalvings           how often the requests of one chunk may be split in two after Pinterest refused
 *                              one as a whole (400), to isolate the events it refuses: a handful of bad events
 *                              takes a few dozen; a chunk refused throughout would take two requests per event
 */
public record DeliveryProperties(
        Integer maxRetries,
        Long retryDelayMs,
        Duration maxRetryAfter,
        Duration refusedTokenCooldown,
        Integer requestsPerMinute,
        Float breakerFailureRate,
        Duration breakerOpenFor,
        Integer chunksInParallel,
        Integer maxHalvings) {

    public DeliveryProperties {
        maxRetries = maxRetries == null ? 4 : maxRetries;
        retryDelayMs = retryDelayMs == null ? 1000L : retryDelayMs;
        maxRetryAfter = maxRetryAfter == null ? Duration.ofMinutes(2) : maxRetryAfter;
        refusedTokenCooldown = refusedTokenCooldown == null ? Duration.ofMinutes(15) : refusedTokenCooldown;
        requestsPerMinute = requestsPerMinute == null ? 5000 : requestsPerMinute;
        breakerFailureRate = breakerFailureRate == null ? 50f : breakerFailureRate;
        breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(30) : breakerOpenFor;
        chunksInParallel = chunksInParallel == null ? 2 : chunksInParallel;
        maxHalvings = maxHalvings == null ? 64 : maxHalvings;
        if (chunksInParallel < 1 || chunksInParallel > 16) {
            throw new IllegalArgumentException(
                    "conversions.delivery.chunks-in-parallel must be 1 to 16, not " + chunksInParallel);
        }
    }

    public static DeliveryProperties defaults() {
        return new DeliveryProperties(null, null, null, null, null, null, null, null, null);
    }
}
