package io.pinconv.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 to a login attempt whose name, or address, must still wait (see {@link LoginAttempts}). The name
 * is read from the Authorization header the way the login itself reads it.
 */
class LoginThrottle extends OncePerRequestFilter {

    private final LoginAttempts attempts;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    LoginThrottle(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("Authorization") != null) {
            LoginAttempts.Wait wait = attempts.waitFor(name(request), request.getRemoteAddr());
            if (!wait.isNone()) {
                long seconds = Math.max(1, (wait.left().toMillis() + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                Responses.json(response, 429, wait.reason() + "; try again in " + seconds + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The login name, or null when the header is not Basic or unreadable (the login answers that with 401). */
    private String name(HttpServletRequest request) {
        try {
            UsernamePasswordAuthenticationToken token = basic.convert(request);
            return token == null ? null : token.getName();
        } catch (AuthenticationException unreadable) {
            return null;
        }
    }
}
