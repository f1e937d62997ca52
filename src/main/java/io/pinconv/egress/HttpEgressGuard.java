package io.pinconv.egress;

import java.io.IOException;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.springframework.stereotype.Component;

/**
 * The network boundary of Camel's HTTP client: every request, after redirects and retries, right before it
 * is sent, (1) goes only to an origin the EgressPolicy allows, through no proxy it does not allow, and (2)
 * carries the access token only when it names its destination ({@value #DESTINATION_HEADER}, an opaque
 * handle: the destination's id) and goes to that destination's own base-url origin; likewise the destination's OAuth
 * token (ads:read, {@code oauth-token}) for a request that names its destination with {@value #READ_HEADER}
 * instead (the Event Quality Score). The token is added here,
 * inside the client, and never sits on the exchange; any other Authorization header a route sets is dropped.
 *
 * <p>Installed on every http endpoint Camel builds (routes.EndpointGuard), whatever its options.
 */
@Component
public class HttpEgressGuard implements HttpClientConfigurer {

    /** The request header that names the destination a request is for; removed before the request leaves. */
    public static final String DESTINATION_HEADER = "Conversions-Destination";

    /**
     * The request header that names the destination whose OAuth token (ads:read) a read request carries (its quality
     * score); removed before the request leaves. A request naming its destination both ways carries no token.
     */
    public static final String READ_HEADER = "Conversions-Destination-Read";

    static final String NAME = "egress-guard";

    private final EgressPolicy policy;
    private final AccessTokens tokens;

    public HttpEgressGuard(EgressPolicy policy, AccessTokens tokens) {
        this.policy = policy;
        this.tokens = tokens;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        // before the protocol step: it runs for every hop a redirect or a retry makes
        builder.addExecInterceptorBefore(ChainElement.PROTOCOL.name(), NAME, this::execute);
    }

    ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        HttpRoute route = scope.route;
        for (int hop = 0; hop < route.getHopCount(); hop++) {
            policy.check(origin(route.getHopTarget(hop)));
        }
        Header named = request.getFirstHeader(DESTINATION_HEADER);
        Header reading = request.getFirstHeader(READ_HEADER);
        request.removeHeaders(DESTINATION_HEADER);
        request.removeHeaders(READ_HEADER);
        request.removeHeaders(HttpHeaders.AUTHORIZATION);
        String destination = named == null ? null : named.getValue();
        String reader = reading == null ? null : reading.getValue();
        if (destination != null && reader != null) {
            // which token is meant cannot be told: none
            return chain.proceed(request, scope);
        }
        Origin target = origin(route.getTargetHost());
        String bearer = policy.isDestination(destination, target)
                ? tokens.bearer(destination)
                : policy.isDestination(reader, target)
                                && policy.isQualityRead(reader, request.getMethod(), request.getPath())
                        ? tokens.oauthBearer(reader)
                        : null;
        if (bearer != null) {
            request.setHeader(HttpHeaders.AUTHORIZATION, bearer);
        }
        return chain.proceed(request, scope);
    }

    static Origin origin(HttpHost host) {
        return new Origin(host.getSchemeName(), host.getHostName(), host.getPort());
    }
}
