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
 *   <li>Jolokia takes POSTs of JSON only (its policy, jolokia-access.xml, refuses GETs).</li>
 * </ul>
 * curl and scripts send no {@code Origin}, and either no body or JSON, and keep working.
 */
class CrossSiteRequests extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    // Hawtio's Jolokia client sends text/json; neither type can be sent cross-origin without a CORS preflight
    private static final Set<String> JSON_TYPES = Set.of("application/json", "text/json");
    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

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
            return "requests from another origin are refused; call the API with curl or a script, or add the origin to"
                    + " conversions.security.allowed-origins";
        }
        boolean jolokia = isJolokia(request);
        String type = mediaType(request.getContentType());
        // a GET reaches Jolokia, whose policy refuses it (Hawtio probes the agent with one)
        if (jolokia && !SAFE_METHODS.contains(request.getMethod()) && !JSON_TYPES.contains(type)) {
            return "Jolokia takes POST requests with Content-Type: application/json only";
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && type != null && FORM_TYPES.contains(type)) {
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
