package io.pinconv.routes;

import io.pinconv.segment.SegmentReads;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.jdbc.JdbcEndpoint;
import org.apache.camel.spi.EndpointStrategy;

/**
 * Refuses, in a running context, any endpoint whose scheme is not in AllowedSchemes. RouteVetting checks
 * the URIs written in a file; this catches the ones computed at run time ({@code toD}, recipient lists,
 * routing slips) and anything the text check could not see. Camel calls it for every endpoint it
 * resolves, cached or prototype, and for those that exist when it is registered.
 */
public final class EndpointSchemeGuard implements EndpointStrategy {

    public static void install(CamelContext camel) {
        camel.getCamelContextExtension().registerEndpointCallback(new EndpointSchemeGuard());
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        // both: a bare name resolved from the registry has no scheme in the URI asked for
        refuseUnlessAllowed(uri);
        refuseUnlessAllowed(endpoint.getEndpointUri());
        // the name is not enough: the component's own dataSource option would take precedence over it
        if (endpoint instanceof JdbcEndpoint jdbc && !(jdbc.getDataSource() instanceof SegmentReads)) {
            throw new IllegalArgumentException("the endpoint '" + schemeAndPath(uri) + "' is not allowed: its pool is not "
                    + AllowedSchemes.SEGMENT_READS);
        }
        return endpoint;
    }

    private static void refuseUnlessAllowed(String uri) {
        String scheme = AllowedSchemes.schemeOf(uri);
        if (!AllowedSchemes.allows(scheme)) {
            throw new IllegalArgumentException("the endpoint '" + schemeAndPath(uri) + "' is not allowed: routes may only"
                    + " use the schemes " + AllowedSchemes.LISTED);
        }
        String jdbc = AllowedSchemes.isJdbc(scheme) ? AllowedSchemes.jdbcRefusal(uri) : null;
        if (jdbc != null) {
            throw new IllegalArgumentException("the endpoint '" + schemeAndPath(uri) + "' is not allowed: " + jdbc);
        }
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
