package io.pinconv.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Paths no client of this service writes: doubled slashes ({@code //actuator/jolokia}), path parameters
 * ({@code ..;/}), dot segments, encoded slashes, dots or semicolons, backslashes. The servlet container normalises some of them into another servlet's
 * path before Spring Security sees them, and they then failed deep inside with a stack trace in the log
 * per request. They get a short 400 here, first of all filters, and one debug line.
 */
class MalformedPaths extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MalformedPaths.class);
    private static final Pattern MALFORMED = Pattern.compile("//|;|\\\\|%2e|%2f|%5c|%3b|%25|(^|/)\\.{1,2}(/|$)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (MALFORMED.matcher(request.getRequestURI().toLowerCase(Locale.ROOT)).find()) {
            log.debug("Refused a request with a malformed path from {}", request.getRemoteAddr());
            Responses.json(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "malformed path: write it with single slashes, and without dot segments, path parameters (;) or encoded separators");
            return;
        }
        chain.doFilter(request, response);
    }
}
