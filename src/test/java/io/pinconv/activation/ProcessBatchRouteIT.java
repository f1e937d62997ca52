package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.ledger.Runs;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The batch route alone (process-batch in routes/run.yaml), delivery replaced by a mock: what reaches
 * delivery and the held-rows channel, and that a chunk whose events nobody settles does not move on.
 */
@CamelSpringBootTest
// JMX on, as in the service (camel-test turns it off for the whole JVM otherwise, and Hawtio, Jolokia and
// HawtioDiagramIT need it)
@org.apache.camel.test.spring.junit5.DisableJmx(false)
@SpringBootTest(properties = "conversions.demo=false")
class ProcessBatchRouteIT {

    static final String ACTIVATION = "chunk-route";
    static final String ACCOUNT = TestDatabase.newAdAccount();

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        // before the context starts: the catalog checks the activation's segment then (a fresh test database has none)
        TestDatabase.jdbc()
                .execute("CREATE TABLE IF NOT EXISTS public.unused_segment (order_id text, purchased_at timestamptz,"
                        + " channel text, email text, amount numeric, currency text)");
        TestConfig.database(p);
        TestConfig.destination(p, "pin", ACCOUNT, "pina_chunk-route-token", "http://127.0.0.1:9");
        PurchaseActivation.configure(p, ACTIVATION, "pin", "public.unused_segment");
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    Runs runs;

    @Autowired
    ActivationCatalog catalog;

    // mocks the context does not register: the service's endpoint guard admits no mock: scheme, and should not
    static MockEndpoint deliver;
    static MockEndpoint heldBack;

    static MockEndpoint unregisteredMock(CamelContext camel, String name) {
        MockEndpoint mock = new MockEndpoint("mock://" + name, camel.getComponent("mock"));
        mock.setCamelContext(camel);
        mock.start();
        return mock;
    }

    @BeforeEach
    void adviseTheChunkRoute() throws Exception {
        TestDatabase.forget(ACTIVATION);
        if (deliver == null || deliver.getCamelContext() != camel) {
            deliver = unregisteredMock(camel, "deliver");
            heldBack = unregisteredMock(camel, "held-back");
            org.apache.camel.Producer toDeliver = deliver.createProducer();
            org.apache.camel.Producer toHeldBack = heldBack.createProducer();
            AdviceWith.adviceWith(camel, "process-batch", a -> {
                a.weaveById("deliver").replace().process(toDeliver);
                a.weaveById("hold-back").after().process(toHeldBack);
            });
        }
        deliver.reset();
        heldBack.reset();
    }

    static Map<String, Object> row(String id, Instant at) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", id);
        row.put("event_time", at);
        row.put("action_source", "web");
        row.put("email", id.toLowerCase() + "@example.com");
        row.put("value", new BigDecimal("10.00"));
        row.put("currency", "usd");
        return row;
    }

    Exchange sendChunk(List<Map<String, Object>> rows) {
        long runId = runs.start(ACTIVATION, false, false, "test", "run now", Instant.now());
        Run run = new Run(catalog.get(ACTIVATION), runId, "run now", new ChunkOrder(1));
        return producer.send("direct:process-batch", ex -> {
            ex.setVariable(RunLifecycle.ACTIVATION, ACTIVATION);
            ex.setVariable(Run.VARIABLE, run);
            ex.getMessage().setBody(rows);
        });
    }

    @Test
    void deliveredIdsAreSkippedTooOldRowsGoToTheHeldRowsChannelAndTheRestToDelivery() throws Exception {
        Instant recent = Instant.now().minus(1, ChronoUnit.HOURS);
        TestDatabase.jdbc().update("""
                INSERT INTO conversions.delivered_event (ad_account_id, event_name, event_id, activation_id, run_id, delivered_at)
                VALUES (?, 'checkout', 'CR-1', ?, 0, now())""", ACCOUNT, ACTIVATION);
        deliver.expectedMessageCount(1);
        // as the deliver-batch route would: Pinterest accepted them, the record step settled them
        deliver.whenAnyExchangeReceived(ex -> {
            Batch batch = ex.getMessage().getBody(Batch.class);
            Settlement.settled(
                    batch.settlement(),
                    batch.events().stream().map(ConversionEvent::eventId).toList());
        });
        heldBack.expectedMessageCount(1);

        List<Map<String, Object>> rows = new ArrayList<>(List.of(
                row("CR-1", recent),
                row("CR-2", recent),
                row("CR-2", recent),
                row("CR-3", recent),
                row("CR-OLD", Instant.now().minus(9, ChronoUnit.DAYS))));
        Exchange done = sendChunk(rows);

        assertThat(done.getException()).isNull();
        deliver.assertIsSatisfied();
        heldBack.assertIsSatisfied();
        List<ConversionEvent> sent = deliver.getReceivedExchanges()
                .get(0)
                .getMessage()
                .getBody(Batch.class)
                .events();
        assertThat(sent).extracting(ConversionEvent::eventId).containsExactly("CR-2", "CR-3");
        assertThat(TestDatabase.jdbc()
                        .queryForList(
                                "SELECT event_id FROM conversions.rejection WHERE activation_id = ?",
                                String.class,
                                ACTIVATION))
                .containsExactly("CR-OLD");
    }

    @Test
    void aChunkWhoseEventsNobodySettlesFailsInsteadOfMovingOn() throws Exception {
        deliver.expectedMessageCount(1);
        Exchange done =
                sendChunk(new ArrayList<>(List.of(row("CR-10", Instant.now().minus(1, ChronoUnit.HOURS)))));

        deliver.assertIsSatisfied();
        assertThat(done.getException())
                .isInstanceOf(BatchCursor.UnsettledChunkException.class)
                .hasMessageContaining("1 event(s) prepared but neither delivered, refused nor parked (first: CR-10)");
    }
}
