package io.pinconv.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.pinconv.activation.Activation;
import io.pinconv.activation.ActivationCatalog;
import io.pinconv.activation.RunLifecycle;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DeliveryProperties;
import io.pinconv.ledger.DestinationStates;
import io.pinconv.pinterest.DestinationRefusedException;
import io.pinconv.pinterest.TransientDeliveryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What stands between a run and Pinterest, besides the circuit breaker (the circuitBreaker EIP of each
 * {@code deliver-to-<destination>} route, see {@link DestinationBreakers}): a destination whose token was
 * refused is not called again with that token until its cool-down has passed (a changed token is tried
 * at once); each ad account has a rate limiter shared by all its activations and destinations.
 *
 * <p>Why a Resilience4j RateLimiter here and not Camel's throttle EIP (checked in 4.17's
 * TotalRequestsThrottler): the throttle's permits live in the processor of the route it is written in,
 * so a throttle in each deliver-to route would give every destination of a shared ad account the whole
 * budget, and a route reload would hand out a fresh budget; its wait has no bound either. The limiter is
 * held by ad account in this bean, outlives reloads, waits at most two minutes and then fails the attempt
 * as transient (retried, then parked), and times its waits for the rate_limiter_wait metric.
 */
@Component
public class DestinationGuard {

    static final String PROBING = "probingRefusedToken";
    static final String REQUEST_STARTED = "requestStartedNanos";

    private static final Logger log = LoggerFactory.getLogger(DestinationGuard.class);

    private final ActivationCatalog catalog;
    private final DestinationStates states;
    private final DeliveryProperties policy;
    private final Clock clock;
    private final RateLimiterRegistry limiters;
    private final io.pinconv.monitoring.DeliveryMetrics metrics;
    private final io.pinconv.monitoring.Alerts alerts;
    private final io.pinconv.ledger.Runs runs;
    private final io.pinconv.egress.AccessTokens tokens;

    public DestinationGuard(
            ActivationCatalog catalog,
            DestinationStates states,
            ConversionsProperties properties,
            io.pinconv.monitoring.DeliveryMetrics metrics,
            io.pinconv.monitoring.Alerts alerts,
            io.pinconv.ledger.Runs runs,
            io.pinconv.egress.AccessTokens tokens,
            Clock clock) {
        this.tokens = tokens;
        this.runs = runs;
        this.alerts = alerts;
        this.metrics = metrics;
        this.catalog = catalog;
        this.states = states;
        this.policy = properties.delivery();
        this.clock = clock;
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(policy.requestsPerMinute())
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ofMinutes(2))
                .build());
    }
    /** Before a run: stop at once, without a request, when this destination's token was refused and is unchanged. */
    public void checkToken(Exchange exchange) {
        Activation activation = activation(exchange);
        states.refusal(activation.destinationId()).ifPresent(refusal -> {
            if (!refusal.tokenFingerprint().equals(fingerprint(activation))) {
                log.info(
                        "Destination '{}' has a new access token since Pinterest refused the last one: sending again",
                        activation.destinationId());
                exchange.setVariable(PROBING, true);
                return;
            }
            Instant retryAt = refusal.refusedAt().plus(policy.refusedTokenCooldown());
            if (clock.instant().isBefore(retryAt)) {
                throw new DestinationRefusedException(
                        refusal.status(),
                        "destination '" + activation.destinationId()
                                + "' is paused: Pinterest refused its access token at " + refusal.refusedAt() + " ("
                                + refusal.message()
                                + "). Fix the token and restart the service, or it is tried again after " + retryAt);
            }
            exchange.setVariable(PROBING, true);
        });
    }

    /** Before each attempt (the deliver-to route's rate-limit step): the ad account's rate limit. */
    public void acquire(Exchange exchange) {
        Activation activation = activation(exchange);
        long waitStart = System.nanoTime();
        try {
            RateLimiter.waitForPermission(
                    limiters.rateLimiter(activation.destination().adAccountId()));
            metrics.rateLimiterWait(
                    activation.destination().adAccountId(), Duration.ofNanos(System.nanoTime() - waitStart));
            exchange.setVariable(REQUEST_STARTED, System.nanoTime());
        } catch (RequestNotPermitted e) {
            throw new TransientDeliveryException(
                    0,
                    "the rate limit of ad account " + activation.destination().adAccountId() + " ("
                            + policy.requestsPerMinute() + " requests a minute) is used up",
                    null);
        }
    }

    /** After a request Pinterest answered (whatever its verdict on the events). */
    public void succeeded(Exchange exchange) {
        Activation activation = activation(exchange);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        metrics.request(activation.destinationId(), String.valueOf(status), took(exchange));
        countRequest(exchange, String.valueOf(status));
        if (Boolean.TRUE.equals(exchange.getVariable(PROBING))) {
            states.cleared(activation.destinationId());
            exchange.removeVariable(PROBING);
            log.info("Destination '{}' accepts its access token again: sending resumed", activation.destinationId());
        }
    }

    /** Counts a failed request by its status ("network" when no answer came); a call the guard refused is no request. */
    void observeFailure(Exchange exchange, Activation activation, Throwable cause) {
        if (exchange.getVariable(REQUEST_STARTED) == null) {
            return;
        }
        if (cause instanceof CallNotPermittedException) {
            // the open breaker refused the attempt after its rate-limit step: nothing reached Pinterest
            exchange.removeVariable(REQUEST_STARTED);
            return;
        }
        String status = cause instanceof io.pinconv.pinterest.PinterestException p && p.status() > 0
                ? String.valueOf(p.status())
                : "network";
        metrics.request(activation.destinationId(), status, took(exchange));
        countRequest(exchange, status);
        exchange.removeVariable(REQUEST_STARTED);
    }

    private void countRequest(Exchange exchange, String status) {
        Long runId = exchange.getVariable(RunLifecycle.RUN_ID, Long.class);
        if (runId != null) {
            runs.countRequest(runId, status);
        }
    }

    private static Duration took(Exchange exchange) {
        Long started = exchange.getVariable(REQUEST_STARTED, Long.class);
        return started == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
    }

    /** Pinterest refused the token: remember it (for every instance) so that no run sends with it again for a while. */
    void refused(Activation activation, DestinationRefusedException e) {
        states.refused(
                activation.destinationId(), fingerprint(activation), e.status(), e.getMessage(), clock.instant());
        alerts.tokenRefused(activation.destinationId(), e.getMessage());
        log.error(
                "Destination '{}' is paused: {}. Fix the access token (then restart), or it is tried again in {} min",
                activation.destinationId(),
                e.getMessage(),
                policy.refusedTokenCooldown().toMinutes());
    }

    private Activation activation(Exchange exchange) {
        return catalog.get(exchange.getVariable(RunLifecycle.ACTIVATION, String.class));
    }

    private String fingerprint(Activation activation) {
        return tokens.fingerprint(activation.destinationId());
    }
}
