package io.pinconv.delivery;

import io.pinconv.activation.Activation;
import io.pinconv.activation.Batch;
import io.pinconv.activation.Run;
import io.pinconv.pinterest.PinterestApi;
import io.pinconv.pinterest.RequestBody;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Headers;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * Turns a batch's events into the HTTP request for its destination. The request names its destination by id
 * (the authorize step of delivery.yaml); the token itself is added inside the HTTP client (egress.HttpEgressGuard)
 * and never sits on the exchange.
 */
@Component
public class PinterestRequests {

    private final PinterestApi api;

    public PinterestRequests(PinterestApi api) {
        this.api = api;
    }

    /** The request of a batch (or of a half of one): build-request sets it as the {@value Request#VARIABLE} variable. */
    public Request prepare(@Variable(Run.VARIABLE) Run run, @Body Batch batch) {
        Activation activation = run.activation();
        if (batch.events() == null) {
            throw new IllegalStateException("activation '" + activation.id() + "': chunk " + batch.index()
                    + " reached deliver-batch unmapped; map-batch must run before it in the route files");
        }
        return new Request(
                batch,
                activation.destinationId(),
                activation.destination().dryRun(),
                PinterestApi.eventsUrl(activation.destination()),
                PinterestApi.query(activation.destination()),
                new AtomicLong());
    }

    /** The request's JSON, with the headers of a POST of JSON. */
    public RequestBody body(@Variable(Request.VARIABLE) Request request, @Headers Map<String, Object> headers) {
        headers.put(Exchange.CONTENT_TYPE, "application/json");
        headers.put(Exchange.HTTP_METHOD, "POST");
        headers.put(Exchange.HTTP_QUERY, request.query());
        return api.body(request.events());
    }
}
