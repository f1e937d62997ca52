package io.pinconv.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The breaker settings of a destination: defaults as before, and each bad value named with what to write instead. */
class BreakerPropertiesTest {

    final DeliveryProperties delivery = DeliveryProperties.defaults();

    @Test
    void unsetSettingsTakeTheDeliveryPolicyThenTheDefaults() {
        BreakerProperties b = BreakerProperties.unset().resolved(delivery);
        assertThat(b).isEqualTo(new BreakerProperties(50f, 20, 10, Duration.ofSeconds(30), 3));
        assertThat(b.problems()).isEmpty();
        BreakerProperties own = new BreakerProperties(25f, 4, 2, Duration.ofMinutes(2), 1).resolved(delivery);
        assertThat(own).isEqualTo(new BreakerProperties(25f, 4, 2, Duration.ofMinutes(2), 1));
    }

    @Test
    void eachBadValueSaysWhatToFix() {
        assertThat(new BreakerProperties(150f, 20, 10, Duration.ofSeconds(30), 3).problems())
                .singleElement()
                .asString()
                .contains("breaker.failure-rate")
                .contains("at most 100")
                .contains("not 150");
        assertThat(new BreakerProperties(0f, 20, 10, Duration.ofSeconds(30), 3).problems())
                .singleElement()
                .asString()
                .contains("above 0");
        assertThat(new BreakerProperties(50f, 0, 1, Duration.ofSeconds(30), 3).problems())
                .singleElement()
                .asString()
                .contains("breaker.sliding-window-size must be at least 1");
        assertThat(new BreakerProperties(50f, 5, 10, Duration.ofSeconds(30), 3).problems())
                .singleElement()
                .asString()
                .contains("breaker.minimum-calls (10) must not exceed breaker.sliding-window-size (5)");
        assertThat(new BreakerProperties(50f, 20, 10, Duration.ofMillis(1500), 3).problems())
                .singleElement()
                .asString()
                .contains("breaker.wait-in-open")
                .contains("whole seconds")
                .contains("not 1.5s");
        assertThat(new BreakerProperties(50f, 20, 10, Duration.ofSeconds(30), 0).problems())
                .singleElement()
                .asString()
                .contains("breaker.half-open-calls must be at least 1");
    }
}
