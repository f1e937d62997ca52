package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinconv.segment.SegmentReads;
import javax.sql.DataSource;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.component.jdbc.JdbcComponent;
import org.apache.camel.component.jdbc.JdbcEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class EndpointSchemeGuardTest {

    @Test
    void onlyTheAllowedSchemesResolve() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            EndpointSchemeGuard.install(camel, ServiceBeans.egress());
            camel.start();
            assertThat(camel.getEndpoint("direct:a")).isNotNull();
            assertThat(camel.getEndpoint("log:a?showBody=true")).isNotNull();
            assertThatThrownBy(() -> camel.getEndpoint("file:/etc?fileName=passwd"))
                    .isInstanceOf(ResolveEndpointFailedException.class)
                    .hasRootCauseMessage("the endpoint 'file:///etc' is not allowed: routes may only use the schemes"
                            + " direct, quartz, http, https, log and jdbc:segmentReads");
            // toD and the producer template resolve prototype endpoints: refused the same
            assertThatThrownBy(() -> camel.getCamelContextExtension().getPrototypeEndpoint("timer:x"))
                    .isInstanceOf(ResolveEndpointFailedException.class)
                    .hasRootCauseMessage(
                            "the endpoint 'timer://x' is not allowed: routes may only use the schemes direct, quartz,"
                                    + " http, https, log and jdbc:segmentReads");
        }
    }

    @Test
    void jdbcResolvesOnlyOnTheGuardedSegmentPool() throws Exception {
        DataSource plain = new org.springframework.jdbc.datasource.SimpleDriverDataSource();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("segmentReads", new SegmentReads(plain));
            camel.getRegistry().bind("dataSource", plain);
            EndpointSchemeGuard.install(camel, ServiceBeans.egress());
            camel.start();
            assertThat(camel.getEndpoint("jdbc:segmentReads?outputType=StreamList&resetAutoCommit=false"))
                    .isInstanceOf(JdbcEndpoint.class);
            assertThatThrownBy(() -> camel.getEndpoint("jdbc:dataSource"))
                    .isInstanceOf(ResolveEndpointFailedException.class)
                    .hasRootCauseMessage(
                            "the endpoint 'jdbc://dataSource' is not allowed: jdbc endpoints may only name"
                                    + " segmentReads (the segment's read-only pool, which runs only the SELECT a run built), not 'dataSource'");
            assertThatThrownBy(() ->
                            camel.getCamelContextExtension().getPrototypeEndpoint("jdbc:segmentReads?outputClass=x.Y"))
                    .isInstanceOf(ResolveEndpointFailedException.class)
                    .rootCause()
                    .hasMessageContaining("the jdbc option 'outputClass' is not allowed");
        }
        // the name is not enough: a pool set on the component wins over the one the endpoint names
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("segmentReads", new SegmentReads(plain));
            JdbcComponent jdbc = new JdbcComponent();
            jdbc.setDataSource(plain);
            camel.addComponent("jdbc", jdbc);
            EndpointSchemeGuard.install(camel, ServiceBeans.egress());
            camel.start();
            assertThatThrownBy(() -> camel.getEndpoint("jdbc:segmentReads"))
                    .isInstanceOf(ResolveEndpointFailedException.class)
                    .hasRootCauseMessage(
                            "the endpoint 'jdbc://segmentReads' is not allowed: its pool is not segmentReads");
        }
    }

    @Test
    void anEndpointMadeBeforeTheGuardStopsItsInstallation() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            camel.getEndpoint("timer:early");
            assertThatThrownBy(() -> EndpointSchemeGuard.install(camel, ServiceBeans.egress()))
                    .hasMessageContaining("timer://early");
        }
    }
}
