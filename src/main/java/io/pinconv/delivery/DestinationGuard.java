package io.pinconv.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.pinconv.activation.Activation;
import io.pinconv.activation.Run;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DeliveryProperties;
import io.pinconv.egress.AccessTokens;
import io.pinconv.ledger.DestinationStates;
import io.pinconv.ledger.Runs;
import io.pinconv.monitoring.Alerts;
import io.pinconv.monitoring.DeliveryMetrics;
import io.pinconv.pinterest.AdAccountLimits;
import io.pinconv.pinterest.DestinationRefusedException;
import io.pinconv.pinterest.PinterestException;
import io.pinconv.pinterest.TransientDeliveryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;
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
 * held by ad account (pinterest.AdAccountLimits, shared with the connection tests), outlives reloads, waits at most two minutes and then fails the attempt
 * as transient (retried, then parked), and times its waits for the rate_limiter_wait metric.
 */
@Component
public class DestinationGuard {

    private static final Logger log = LoggerFactory.getLogger(DestinationGuard.class);

    private final DestinationStates states;
    private final DeliveryProperties policy;
    private final Clock clock;
    private final AdAccountLimits limiters;
    private final DeliveryMetrics metrics;
    private final Alerts alerts;
    private final Runs runs;
    private final AccessTokens tokens;

    public DestinationGuard(
            DestinationStates states,
            ConversionsProperties properties,
            DeliveryMetrics metrics,
            Alerts alerts,
            Runs runs,
            AccessTokens tokens,
            AdAccountLimits limiters,
            Clock clock) {
        this.tokens = tokens;
        this.runs = runs;
        this.alerts = alerts;
        this.metrics = metrics;
        this.states = states;
        this.policy = properties.delivery();
        this.clock = clock;
        this.limiters = limiters;
    }
    /** Before a run: stop at once, without a request, when this destination's token was refused and is unchanged. */
    public void checkToken(@Variable(Run.VARIABLE) Run run) {
        Activation activation = run.activation();
        states.refusal(activation.destinationId()).ifPresent(refusal -> {
            if (!refusal.tokenFingerprint().equals(fingerprint(activation))) {
                log.info(
                        "Destination '{}' has a new access token since Pinterest refused the last one: sending again",
                        activation.destinationId());
                run.tokenOnTrial().set(true);
                return;
            }
            Instant retryAt = refusal.refusedAt().plus(policy.refusedTokenCooldown());
            if (clock.instant().isBefore(retryAt)) {
                throw new DestinationRefusedException(
                        refusal.status(),
                        "destination '" + activation.destinationId()
                                + "' is paused: Pinterest refused its access token at " + refusal.refusedAt() + " ("
                                + refusal.message()
                                + "). Fix the token and restart the service, or resume it at once once Pinterest accepts it"
                                + " (POST /api/destinations/" + activation.destinationId()
                                + "/resume tests it first), or it is tried again after " + retryAt);
            }
            run.tokenOnTrial().set(true);
        });
    }

    /** Before each attempt (the deliver-to route's rate-limit step): the ad account's rate limit. */
    public void acquire(@Variable(Run.VARIABLE) Run run, @Variable(Request.VARIABLE) Request request) {
        String adAccount = run.activation().destination().adAccountId();
        long waitStart = System.nanoTime();
        try {
            RateLimiter.waitForPermission(limiters.of(adAccount));
            metrics.rateLimiterWait(adAccount, Duration.ofNanos(System.nanoTime() - waitStart));
            request.attemptStarted().set(System.nanoTime());
        } catch (RequestNotPermitted e) {
            throw new TransientDeliveryException(
                    0,
                    "the rate limit of ad account " + adAccount + " (" + policy.requestsPerMinute()
                            + " requests a minute) is used up",
                    null);
        }
    }

    /** After a request Pinterest answered (whatever its verdict on the events). */
    public void succeeded(
            @Variable(Run.VARIABLE) Run run,
            @Variable(Request.VARIABLE) Request request,
            @Header(Exchange.HTTP_RESPONSE_CODE) Integer status) {
        String destinationId = run.activation().destinationId();
        metrics.request(destinationId, String.valueOf(status), took(request));
        runs.countRequest(run.id(), String.valueOf(status));
        if (run.tokenOnTrial().compareAndSet(true, false)) {
            states.cleared(destinationId);
            log.info("Destination '{}' accepts its access token again: sending resumed", destinationId);
            alerts.tokenAccepted(destinationId);
        }
    }

    /** Counts a failed request by its status ("network" when no answer came); a call the guard refused is no request. */
    void observeFailure(Run run, Request request, Throwable cause) {
        if (request == null || request.attemptStarted().get() == 0) {
            return;
        }
        if (cause instanceof CallNotPermittedException) {
            // the open breaker refused the attempt after its rate-limit step: nothing reached Pinterest
            request.attemptStarted().set(0);
            return;
        }
        String status =
                cause instanceof PinterestException p && p.status() > 0 ? String.valueOf(p.status()) : "network";
        metrics.request(run.activation().destinationId(), status, took(request));
        runs.countRequest(run.id(), status);
        request.attemptStarted().set(0);
    }

    private static Duration took(Request request) {
        long started = request.attemptStarted().get();
        return started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
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

    private String fingerprint(Activation activation) {
        return tokens.fingerprint(activation.destinationId());
    }
}
