package io.pinconv.pinterest;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.pinconv.config.ConversionsProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The rate limit of each ad account's events endpoint ({@code conversions.delivery.requests-per-minute}), one
 * limiter per ad account, shared by every request sent to it: the runs' (delivery.DestinationGuard) and the
 * connection tests' (ConnectionTests). A permit is waited for at most two minutes.
 */
@Component
public class AdAccountLimits {

    private final RateLimiterRegistry limiters;
    private final int requestsPerMinute;

    public AdAccountLimits(ConversionsProperties properties) {
        this.requestsPerMinute = properties.delivery().requestsPerMinute();
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(requestsPerMinute)
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ofMinutes(2))
                .build());
    }

    public RateLimiter of(String adAccountId) {
        return limiters.rateLimiter(adAccountId);
    }

    public int requestsPerMinute() {
        return requestsPerMinute;
    }
}
