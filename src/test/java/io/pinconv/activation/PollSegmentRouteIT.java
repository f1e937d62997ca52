package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.ledger.RunSummary;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The poll of run-activation alone: camel-jdbc streams the segment and the split hands it on in batches of the
 * activation's batch-size, the last one shorter; what each-batch would process goes to a mock instead.
 */
@CamelSpringBootTest
// JMX on, as in the service (camel-test turns it off for the whole JVM otherwise, and Hawtio, Jolokia and
// HawtioDiagramIT need it)
@org.apache.camel.test.spring.junit5.DisableJmx(false)
@SpringBootTest(properties = "conversions.demo=false")
class PollSegmentRouteIT {

    static final String TOKEN = "pina_POLL-token-7a7a";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = TestDatabase.newPurchaseSegment();

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        TestConfig.destination(p, "pin", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        PurchaseActivation.configure(p, "poll", "pin", PurchaseActivation.segment(schema));
        p.add("conversions.activations.poll.batch-size", () -> "1000");
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ActivationRunner runner;

    @AfterAll
    static void tearDown() {
        pinterest.stop();
        TestDatabase.dropSchema(schema);
        TestDatabase.forget("poll");
    }

    @Test
    void aSegmentOf2500RowsComesInBatchesOf1000And1000And500() throws Exception {
        // handed to the route as an object: the service's EndpointSchemeGuard refuses the mock scheme by name
        MockEndpoint batches = new MockEndpoint("mock://batches", camel.getComponent("mock", MockComponent.class));
        AdviceWith.adviceWith(
                camel,
                "run-activation",
                a -> a.weaveById("each-batch").replace().to(batches));
        TestDatabase.forget("poll");
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<PurchaseRow> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            rows.add(PurchaseRow.valid("POLL-" + i, at.minusSeconds(i)));
        }
        TestDatabase.insert(schema, rows);
        batches.expectedMessageCount(3);

        RunSummary run = runner.runNow("poll");

        batches.assertIsSatisfied();
        assertThat(run.status()).isEqualTo("succeeded");
        List<Exchange> inOrder = batches.getReceivedExchanges().stream()
                .sorted(Comparator.comparing(e -> e.getProperty(Exchange.SPLIT_INDEX, Integer.class)))
                .toList();
        assertThat(inOrder)
                .extracting(e -> e.getMessage().getBody(List.class).size())
                .containsExactly(1000, 1000, 500);
        Set<Object> ids = new HashSet<>();
        for (Exchange e : inOrder) {
            for (Object row : e.getMessage().getBody(List.class)) {
                ids.add(((Map<?, ?>) row).get("event_id"));
            }
        }
        assertThat(ids).hasSize(2500);
        // keyed by field, as the mapping reads them; a timestamptz is an exact instant, not the driver's Timestamp
        Map<?, ?> first =
                (Map<?, ?>) inOrder.get(0).getMessage().getBody(List.class).get(0);
        assertThat(first.keySet().stream().map(Object::toString).toList())
                .containsExactlyInAnyOrder("event_time", "action_source", "event_id", "email", "value", "currency");
        assertThat(first.get("event_time")).isInstanceOf(Instant.class);
        // the query's parameters stay out of the batches (they would travel on to every request's exchange)
        assertThat(inOrder.get(0).getMessage().getHeaders())
                .doesNotContainKeys("CamelJdbcParameters", "CamelJdbcColumnNames");
    }
}
