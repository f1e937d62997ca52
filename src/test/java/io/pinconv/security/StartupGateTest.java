package io.pinconv.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class StartupGateTest {

    @Test
    void theApiAnswers503UntilTheServiceIsReadyAndAgainWhenItStops() throws Exception {
        ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
        StartupGate gate = new StartupGate(availability);
        StaticApplicationContext source = new StaticApplicationContext();

        assertThat(status(gate, "/api/activations")).isEqualTo(503);
        assertThat(status(gate, "/actuator/health")).as("not the API: passes").isEqualTo(200);

        availability.onApplicationEvent(new AvailabilityChangeEvent<>(source, ReadinessState.ACCEPTING_TRAFFIC));
        assertThat(status(gate, "/api/activations")).isEqualTo(200);

        availability.onApplicationEvent(new AvailabilityChangeEvent<>(source, ReadinessState.REFUSING_TRAFFIC));
        MockHttpServletResponse stopping = new MockHttpServletResponse();
        gate.doFilter(new MockHttpServletRequest("POST", "/api/activations/a/runs"), stopping, (q, r) -> {});
        assertThat(stopping.getStatus()).isEqualTo(503);
        assertThat(stopping.getContentAsString()).contains("starting or stopping");
        assertThat(stopping.getHeader("Retry-After")).isEqualTo("5");
    }

    private static int status(StartupGate gate, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean passed = new AtomicBoolean();
        gate.doFilter(new MockHttpServletRequest("GET", path), response, (q, r) -> passed.set(true));
        return passed.get() ? 200 : response.getStatus();
    }
}
