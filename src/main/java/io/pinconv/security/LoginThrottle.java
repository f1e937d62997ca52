package io.pinconv.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers 429 to a login attempt from an address that must still wait (see {@link LoginAttempts}). */
class LoginThrottle extends OncePerRequestFilter {

    private final LoginAttempts attempts;

    LoginThrottle(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("Authorization") != null) {
            Duration wait = attempts.waitFor(request.getRemoteAddr());
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                Responses.json(response, 429, "too many failed logins from this address; try again in " + seconds + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
