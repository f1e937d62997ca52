package io.pinconv.delivery;

import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DeliveryProperties;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The retries of a transient delivery failure (retry-transient in error-channels.yaml), from
 * {@code conversions.delivery.max-retries} and {@code retry-delay-ms}: exponential back-off with jitter, at
 * most two minutes apart, one WARN line per retry and no stack traces.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryRetriesConfig {

    @Bean
    RedeliveryPolicy deliveryRetries(ConversionsProperties properties) {
        DeliveryProperties delivery = properties.delivery();
        RedeliveryPolicy p = new RedeliveryPolicy();
        p.setMaximumRedeliveries(delivery.maxRetries());
        p.setRedeliveryDelay(delivery.retryDelayMs());
        p.setUseExponentialBackOff(true);
        p.setBackOffMultiplier(2);
        p.setUseCollisionAvoidance(true);
        p.setMaximumRedeliveryDelay(120_000);
        p.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        p.setLogStackTrace(false);
        p.setLogRetryStackTrace(false);
        p.setLogExhaustedMessageHistory(false);
        p.setLogExhausted(false);
        return p;
    }
}
