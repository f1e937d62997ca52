package io.pinconv.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API answers only once the service is ready: Spring Boot turns readiness to ACCEPTING_TRAFFIC after
 * Camel has started and the activations' schedules are in place, and back to REFUSING_TRAFFIC when it
 * stops. Before that, a "run now" would find no route to run.
 */
class StartupGate extends OncePerRequestFilter {

    private final ApplicationAvailability availability;

    StartupGate(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI()
                .substring(request.getContextPath().length())
                .startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            response.setHeader("Retry-After", "5");
            Responses.json(
                    response,
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "the service is starting or stopping (Camel and the schedules are not running); try again in a few seconds");
            return;
        }
        chain.doFilter(request, response);
    }
}
