package io.pinconv.routes;

import io.pinconv.segment.SegmentReads;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.CompositeHttpConfigurer;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.component.jdbc.JdbcEndpoint;
import org.apache.camel.spi.EndpointStrategy;
import org.apache.camel.util.URISupport;

/**
 * Checks every endpoint a context builds, as Camel built it: written in a file, computed at run time
 * ({@code toD}, recipient lists, routing slips) or made by a template. Its scheme must be in
 * AllowedSchemes; its options may refer to no bean but the header filter of the Pinterest call (a bean
 * option would hand the endpoint a client, a connection manager or a configurer of the file's choosing);
 * and every http endpoint gets the egress guard in its client, whatever its options say, so that it connects
 * only to the hosts of the allow-list and carries a token only to its destination. Camel calls it for every
 * endpoint it resolves, cached or prototype, and for those that exist when it is registered.
 */
public final class EndpointSchemeGuard implements EndpointStrategy {

    /** The one bean an endpoint option may name: which headers of the exchange leave as HTTP headers. */
    static final Map<String, String> BEAN_OPTIONS = Map.of("headerFilterStrategy", "#pinterestHeaderFilter");

    private final HttpClientConfigurer egress;

    private EndpointSchemeGuard(HttpClientConfigurer egress) {
        this.egress = egress;
    }

    /** @param egress the configurer every http client gets (egress.HttpEgressGuard) */
    public static void install(CamelContext camel, HttpClientConfigurer egress) {
        camel.getCamelContextExtension().registerEndpointCallback(new EndpointSchemeGuard(egress));
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        // both: a bare name resolved from the registry has no scheme in the URI asked for
        refuseUnlessAllowed(uri);
        refuseUnlessAllowed(endpoint.getEndpointUri());
        refuseBeanOptions(endpoint.getEndpointUri());
        // the name is not enough: the component's own dataSource option would take precedence over it
        if (endpoint instanceof JdbcEndpoint jdbc && !(jdbc.getDataSource() instanceof SegmentReads)) {
            throw new IllegalArgumentException("the endpoint '" + schemeAndPath(uri)
                    + "' is not allowed: its pool is not " + AllowedSchemes.SEGMENT_READS);
        }
        if (endpoint instanceof HttpEndpoint http && http.getHttpClientConfigurer() != egress) {
            // the component's configurer is the guard; options (proxy, authentication) wrap it, so it is added again
            http.setHttpClientConfigurer(
                    CompositeHttpConfigurer.combineConfigurers(http.getHttpClientConfigurer(), egress));
        }
        return endpoint;
    }

    private static void refuseUnlessAllowed(String uri) {
        String scheme = AllowedSchemes.schemeOf(uri);
        if (!AllowedSchemes.allows(scheme)) {
            throw new IllegalArgumentException("the endpoint '" + schemeAndPath(uri)
                    + "' is not allowed: routes may only" + " use the schemes " + AllowedSchemes.LISTED);
        }
        String jdbc = AllowedSchemes.isJdbc(scheme) ? AllowedSchemes.jdbcRefusal(uri) : null;
        if (jdbc != null) {
            throw new IllegalArgumentException("the endpoint '" + schemeAndPath(uri) + "' is not allowed: " + jdbc);
        }
    }

    private static void refuseBeanOptions(String uri) {
        String refusal = beanOptionRefusal(uri);
        if (refusal != null) {
            throw new IllegalArgumentException("the endpoint '" + schemeAndPath(uri)
                    + "' is not allowed: its options name a"
                    + " bean or make an object (" + refusal + "); endpoint options in route files are values, the only"
                    + " bean they may name is headerFilterStrategy=#pinterestHeaderFilter");
        }
    }

    /** The first option that names a bean or makes an object ({@code option=#...}), or null. */
    static String beanOptionRefusal(String uri) {
        int q = uri == null ? -1 : uri.indexOf('?');
        if (q < 0) {
            return null;
        }
        Map<String, Object> options;
        try {
            options = URISupport.parseQuery(uri.substring(q + 1), true, true);
        } catch (URISyntaxException | RuntimeException e) {
            return "options that cannot be read";
        }
        for (Map.Entry<String, Object> o : options.entrySet()) {
            String v = URLDecoder.decode(String.valueOf(o.getValue()).replace("+", "%2B"), StandardCharsets.UTF_8)
                    .strip();
            if (v.startsWith("#") && !v.equals(BEAN_OPTIONS.get(o.getKey()))) {
                return o.getKey() + "=" + v.split("[:(]")[0];
            }
        }
        return null;
    }

    // the options can hold secrets
    private static String schemeAndPath(String uri) {
        if (uri == null) {
            return "";
        }
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
