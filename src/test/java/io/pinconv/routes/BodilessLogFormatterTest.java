package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class BodilessLogFormatterTest {

    @Test
    void theLogComponentPrintsNoBodyNorHeadersWhateverItsOptions() throws Exception {
        List<String> printed = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("logFormatter", new BodilessLogFormatter());
            camel.getCamelContextExtension().addLogListener((exchange, logger, message) -> {
                printed.add(message);
                return message;
            });
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in")
                            .routeId("logged")
                            .to(
                                    "log:chunks?showBody=true&showHeaders=true&showAll=true&showVariables=true&multiline=true");
                }
            });
            camel.start();
            camel.createProducerTemplate()
                    .sendBodyAndHeader(
                            "direct:in", "jane@example.com bought shoes", "Authorization", "Bearer pina_secret");
        }
        assertThat(printed).hasSize(1);
        assertThat(printed.get(0))
                .doesNotContain("jane@example.com", "pina_secret", "Authorization")
                .contains("RouteId: logged", "BodyType: java.lang.String", "ExchangeId: ");
    }
}
