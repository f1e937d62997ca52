package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class EndpointSchemeGuardTest {

    @Test
    void onlyTheAllowedSchemesResolve() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            EndpointSchemeGuard.install(camel);
            camel.start();
            assertThat(camel.getEndpoint("direct:a")).isNotNull();
            assertThat(camel.getEndpoint("log:a?showBody=true")).isNotNull();
            assertThatThrownBy(() -> camel.getEndpoint("file:/etc?fileName=passwd"))
                    .isInstanceOf(ResolveEndpointFailedException.class)
                    .hasRootCauseMessage("the endpoint 'file:///etc' is not allowed: routes may only use the schemes"
                            + " direct, quartz, http, https, log");
            // toD and the producer template resolve prototype endpoints: refused the same
            assertThatThrownBy(() -> camel.getCamelContextExtension().getPrototypeEndpoint("timer:x"))
                    .isInstanceOf(ResolveEndpointFailedException.class).hasRootCauseMessage(
                            "the endpoint 'timer://x' is not allowed: routes may only use the schemes direct, quartz,"
                                    + " http, https, log");
        }
    }

    @Test
    void anEndpointMadeBeforeTheGuardStopsItsInstallation() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            camel.getEndpoint("timer:early");
            assertThatThrownBy(() -> EndpointSchemeGuard.install(camel)).hasMessageContaining("timer://early");
        }
    }
}
