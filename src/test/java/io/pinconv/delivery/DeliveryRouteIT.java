package io.pinconv.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pinconv.activation.ActivationCatalog;
import io.pinconv.activation.Batch;
import io.pinconv.activation.ChunkOrder;
import io.pinconv.activation.Run;
import io.pinconv.activation.RunLifecycle;
import io.pinconv.ledger.Runs;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.pinterest.DestinationRefusedException;
import io.pinconv.pinterest.TransientDeliveryException;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The delivery route alone (direct:deliver-batch and the deliver-to routes), with WireMock as Pinterest:
 * the circuitBreaker EIP opens on each destination's own settings, refuses fast once open, the chunks
 * it refuses are parked through park-events, and a refused token never wedges a half-open breaker.
 */
@CamelSpringBootTest
// JMX on, as in the service (camel-test turns it off for the whole JVM otherwise, and Hawtio, Jolokia and
// HawtioDiagramIT need it)
@org.apache.camel.test.spring.junit5.DisableJmx(false)
@SpringBootTest(properties = {"conversions.demo=false", "conversions.delivery.max-retries=1"})
class DeliveryRouteIT {

    static final WireMockServer pinterest =
            new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
    static final String schema = TestDatabase.newPurchaseSegment();
    static final String quickAccount = TestDatabase.newAdAccount();
    static final String steadyAccount = TestDatabase.newAdAccount();

    static {
        pinterest.start();
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        // "quick" judges after two calls; "steady" keeps the defaults (ten calls of a window of twenty)
        TestConfig.destination(p, "quick", quickAccount, "pina_QUICK-token", pinterest.baseUrl());
        p.add("conversions.destinations.quick.breaker.minimum-calls", () -> "2");
        p.add("conversions.destinations.quick.breaker.sliding-window-size", () -> "4");
        p.add("conversions.destinations.quick.breaker.failure-rate", () -> "50");
        p.add("conversions.destinations.quick.breaker.wait-in-open", () -> "10m");
        p.add("conversions.destinations.quick.breaker.half-open-calls", () -> "1");
        TestConfig.destination(p, "steady", steadyAccount, "pina_STEADY-token", pinterest.baseUrl());
        PurchaseActivation.configure(p, "route-quick", "quick", PurchaseActivation.segment(schema));
        PurchaseActivation.configure(p, "route-steady", "steady", PurchaseActivation.segment(schema));
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    DestinationBreakers breakers;

    @Autowired
    Runs runs;

    @Autowired
    ActivationCatalog catalog;

    @BeforeEach
    void clean() {
        breakers.reset("quick");
        breakers.reset("steady");
        pinterest.resetAll();
        TestDatabase.forget("route-quick", "route-steady");
        TestDatabase.jdbc()
                .update("DELETE FROM conversions.destination_state WHERE destination_id IN ('quick', 'steady')");
    }

    @AfterAll
    static void tearDown() {
        pinterest.stop();
        TestDatabase.dropSchema(schema);
    }

    static String eventsPath(String account) {
        return "/v5/ad_accounts/" + account + "/events";
    }

    void pinterestAnswers(String account, int status, String body) {
        pinterest.stubFor(post(urlPathEqualTo(eventsPath(account)))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    static String processed(int n) {
        return "{\"num_events_received\":" + n + ",\"num_events_processed\":" + n + ",\"events\":["
                + String.join(
                        ",", java.util.Collections.nCopies(n, "{\"status\":\"processed\",\"error_message\":null}"))
                + "]}";
    }

    int requestsTo(String account) {
        return pinterest
                .countRequestsMatching(
                        postRequestedFor(urlPathEqualTo(eventsPath(account))).build())
                .getCount();
    }

    /** One chunk of {@code n} events, as run.yaml hands it to deliver-batch. */
    Exchange deliver(String activation, String prefix, int n) {
        long runId = runs.start(activation, false, false, "test", "run now", Instant.now());
        List<ConversionEvent> events =
                IntStream.range(0, n).mapToObj(i -> event(prefix + i)).toList();
        Run run = new Run(catalog.get(activation), runId, "run now", new ChunkOrder(1));
        Batch batch = Batch.read(0, List.of(), null)
                .withRowsLeft(List.of(), List.of())
                .mapped(events, List.of());
        return producer.send("direct:deliver-batch", e -> {
            e.setVariable(RunLifecycle.ACTIVATION, activation);
            e.setVariable(Run.VARIABLE, run);
            e.getMessage().setBody(batch);
        });
    }

    static ConversionEvent event(String id) {
        return new ConversionEvent(
                id,
                Map.of(
                        "event_name",
                        "checkout",
                        "action_source",
                        "web",
                        "event_time",
                        Instant.now().getEpochSecond(),
                        "event_id",
                        id,
                        "user_data",
                        Map.of("em", List.of("a".repeat(64)))));
    }

    static List<String> parked(String activation) {
        return TestDatabase.jdbc()
                .queryForList(
                        "SELECT event_id FROM conversions.pending_event WHERE activation_id = ? ORDER BY event_id",
                        String.class,
                        activation);
    }

    static String causeOf(String activation, String eventId) {
        return TestDatabase.jdbc()
                .queryForObject(
                        "SELECT cause FROM conversions.pending_event WHERE activation_id = ? AND event_id = ?",
                        String.class,
                        activation,
                        eventId);
    }

    /**
     * Matches once a chunk handed to deliver-batch went through the dead-letter route (mock: endpoints are refused
     * in the live context, EndpointSchemeGuard); what it parked is read from the pending store.
     */
    NotifyBuilder parkedChunk() {
        return new NotifyBuilder(camel)
                .fromRoute("deliver-batch")
                .wereSentTo("direct:park-events")
                .whenDone(1)
                .create();
    }

    static Throwable failure(Exchange exchange) {
        return DeliveryFailures.cause(
                exchange.getException(), exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    CircuitBreaker breakerOf(String destination) {
        return breakers.find(destination).orElseThrow();
    }

    @Test
    void theBreakerOpensAfterTheConfiguredFailuresThenRefusesFastAndTheEventsAreParked() throws Exception {
        pinterestAnswers(quickAccount, 503, "{\"message\":\"down\"}");
        NotifyBuilder parkedChunk = parkedChunk();

        // the first attempt and its one retry: two failed calls, the minimum this destination judges on
        Exchange failing = deliver("route-quick", "FAIL-", 3);

        assertThat(failure(failing))
                .isInstanceOf(TransientDeliveryException.class)
                .hasMessageContaining("503");
        assertThat(parkedChunk.matches(10, java.util.concurrent.TimeUnit.SECONDS))
                .as("parked through park-events")
                .isTrue();
        assertThat(parked("route-quick")).containsExactly("FAIL-0", "FAIL-1", "FAIL-2");
        assertThat(requestsTo(quickAccount)).isEqualTo(2);
        assertThat(breakers.state("quick")).contains("OPEN");

        // open: the next chunk is refused without a request, retried, refused again, and parked, never lost
        NotifyBuilder refusedChunk = parkedChunk();
        Exchange refused = deliver("route-quick", "OPEN-", 2);

        assertThat(failure(refused)).isInstanceOf(CallNotPermittedException.class);
        assertThat(refusedChunk.matches(10, java.util.concurrent.TimeUnit.SECONDS))
                .as("parked through park-events")
                .isTrue();
        assertThat(requestsTo(quickAccount)).as("no request while open").isEqualTo(2);
        assertThat(parked("route-quick")).contains("OPEN-0", "OPEN-1");
        assertThat(causeOf("route-quick", "OPEN-0")).contains("circuit breaker 'deliver-to-quick-breaker' is OPEN");
        assertThat(breakerOf("quick").getMetrics().getNumberOfNotPermittedCalls())
                .isEqualTo(2);
    }

    @Test
    void eachDestinationsSettingsReachItsCircuitBreakerEip() {
        ResilienceProcessor quick = camel.getProcessor(DeliveryRoutes.breakerId("quick"), ResilienceProcessor.class);
        ResilienceProcessor steady = camel.getProcessor(DeliveryRoutes.breakerId("steady"), ResilienceProcessor.class);
        assertThat(quick.getCircuitBreakerMinimumNumberOfCalls()).isEqualTo(2);
        assertThat(quick.getCircuitBreakerSlidingWindowSize()).isEqualTo(4);
        assertThat(quick.getCircuitBreakerPermittedNumberOfCallsInHalfOpenState())
                .isEqualTo(1);
        assertThat(quick.getCircuitBreakerWaitDurationInOpenState()).isEqualTo(600);
        assertThat(steady.getCircuitBreakerMinimumNumberOfCalls()).isEqualTo(10);
        assertThat(steady.getCircuitBreakerSlidingWindowSize()).isEqualTo(20);
        assertThat(steady.getCircuitBreakerPermittedNumberOfCallsInHalfOpenState())
                .isEqualTo(3);
        assertThat(steady.getCircuitBreakerFailureRateThreshold()).isEqualTo(50f);

        // the same two failed calls open one destination's breaker and not the other's
        pinterestAnswers(quickAccount, 500, "");
        pinterestAnswers(steadyAccount, 500, "");
        deliver("route-quick", "Q-", 1);
        deliver("route-steady", "S-", 1);

        assertThat(requestsTo(quickAccount)).isEqualTo(2);
        assertThat(requestsTo(steadyAccount)).isEqualTo(2);
        assertThat(breakers.state("quick")).contains("OPEN");
        assertThat(breakers.state("steady")).contains("CLOSED");
    }

    @Test
    void aRefusedTokenWhileHalfOpenDoesNotLeaveTheBreakerStuckHalfOpen() throws Exception {
        // half-open as after its wait, without waiting: one trial call allowed
        breakerOf("quick").transitionToOpenState();
        breakerOf("quick").transitionToHalfOpenState();
        pinterestAnswers(quickAccount, 401, "{\"code\":2,\"message\":\"Authentication failed.\"}");
        NotifyBuilder parkedChunk = parkedChunk();

        Exchange refused = deliver("route-quick", "TOKEN-", 2);

        assertThat(failure(refused))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("401");
        assertThat(parkedChunk.matches(10, java.util.concurrent.TimeUnit.SECONDS))
                .as("parked through park-events")
                .isTrue();
        assertThat(parked("route-quick")).containsExactly("TOKEN-0", "TOKEN-1");
        assertThat(requestsTo(quickAccount))
                .as("a refused token is not retried")
                .isEqualTo(1);
        // the trial was spent as an answered call: the breaker closed, its one permit is not held by anyone
        assertThat(breakers.state("quick")).contains("CLOSED");

        pinterest.resetAll();
        pinterestAnswers(quickAccount, 200, processed(2));
        Exchange delivered = deliver("route-quick", "AFTER-", 2);

        assertThat(delivered.getException()).isNull();
        assertThat(requestsTo(quickAccount)).isEqualTo(1);
        assertThat(TestDatabase.jdbc()
                        .queryForList(
                                "SELECT event_id FROM conversions.delivered_event WHERE activation_id = ?"
                                        + " ORDER BY event_id",
                                String.class,
                                "route-quick"))
                .containsExactly("AFTER-0", "AFTER-1");
    }
}
