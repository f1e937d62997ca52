package io.pinconv.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses what a page on another site could make a logged-in browser send. Browsers cache HTTP Basic
 * credentials and send them with any request to this origin, so cookies-style CSRF tokens would not help
 * scripts and curl; instead:
 * <ul>
 *   <li>a request whose {@code Origin} is not the service's own (or an allowed one) is refused, whatever its
 *       method: browsers send {@code Origin} with every cross-origin fetch and form post;</li>
 *   <li>a state-changing request with a body a form or a "simple" cross-origin fetch can send without a CORS
 *       preflight ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}, {@code text/plain})
 *       is refused, for browsers that would not send {@code Origin};</li>
 *   <li>Jolokia takes POSTs of JSON only, and no JSONP: a GET carries the request in a URL any page can load, and
 *       JSONP would let that page read the answer. Hawtio talks to Jolokia by POST; it probes the agent with a
 *       GET, and takes the 403 for "an agent is there" (jolokia-service's tryProbeJolokiaPath, Hawtio 5.2.0).</li>
 * </ul>
 * curl and scripts send no {@code Origin}, and either no body or JSON, and keep working.
 */
class CrossSiteRequests extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    // Hawtio's Jolokia client sends text/json; neither type can be sent cross-origin without a CORS preflight
    private static final Set<String> JSON_TYPES = Set.of("application/json", "text/json");
    private static final Set<String> FORM_TYPES =
            Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    private final Origins origins;

    CrossSiteRequests(Origins origins) {
        this.origins = origins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = refusal(request);
        if (refusal != null) {
            Responses.json(response, HttpServletResponse.SC_FORBIDDEN, refusal);
            return;
        }
        chain.doFilter(request, response);
    }

    private String refusal(HttpServletRequest request) {
        if (!origins.isAllowed(request.getHeader("Origin"), request)) {
            return "requests from another origin are refused. If the page's host is a name this service is reached by, add it to"
                    + " conversions.security.server-names; to let a page on another origin call the service, add that origin to"
                    + " conversions.security.allowed-origins. curl and scripts send no Origin and are not affected";
        }
        String method = request.getMethod();
        String type = mediaType(request.getContentType());
        if (isJolokia(request)) {
            // OPTIONS stays: it is the CORS preflight of a POST from an allowed origin
            if (!"POST".equals(method) && !"OPTIONS".equals(method)) {
                return "Jolokia takes POST requests only: a GET carries the whole request in its URL, which any page can make a browser load";
            }
            if ("POST".equals(method) && (type == null || !JSON_TYPES.contains(type))) {
                return "Jolokia takes POST requests with Content-Type: application/json only";
            }
            if (request.getQueryString() != null && request.getParameter("callback") != null) {
                return "Jolokia's JSONP (callback=) is not served: it would let any page read the answer";
            }
        }
        if (!SAFE_METHODS.contains(method) && type != null && FORM_TYPES.contains(type)) {
            return "form and text/plain bodies are refused on state-changing calls; send JSON (Content-Type: application/json) or no body";
        }
        return null;
    }

    static boolean isJolokia(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/actuator/jolokia") || path.startsWith("/actuator/hawtio/jolokia");
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
