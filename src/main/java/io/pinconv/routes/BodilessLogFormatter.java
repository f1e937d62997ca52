package io.pinconv.routes;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExchangeFormatter;
import org.apache.camel.support.ExchangeHelper;
import org.springframework.stereotype.Component;

/**
 * What the {@code log:} component prints for every exchange: where it is and the type of its body, never
 * the body or the headers (personal data, the Authorization token). The log component takes the bean named
 * {@code logFormatter} from the registry and binds the endpoint's options to it; with no setter here, an
 * option such as {@code showBody=true} has nothing to switch back on.
 */
@Component("logFormatter")
public class BodilessLogFormatter implements ExchangeFormatter {

    @Override
    public String format(Exchange exchange) {
        String routeId = ExchangeHelper.getAtRouteId(exchange);
        Object body = exchange.getMessage().getBody();
        return "Exchange[RouteId: " + (routeId == null ? exchange.getFromRouteId() : routeId)
                + ", ExchangeId: " + exchange.getExchangeId()
                + ", BodyType: " + (body == null ? "null" : body.getClass().getName()) + "]";
    }
}
