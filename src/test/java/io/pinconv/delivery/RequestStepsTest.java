package io.pinconv.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.activation.Activation;
import io.pinconv.activation.Batch;
import io.pinconv.activation.ChunkOrder;
import io.pinconv.activation.Run;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DeliveryProperties;
import io.pinconv.config.DestinationProperties;
import io.pinconv.config.MonitorProperties;
import io.pinconv.mapping.ActivationMapping;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.mapping.MappingContext;
import io.pinconv.mapping.PinterestField;
import io.pinconv.pinterest.PinterestApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** The steps of deliver-batch on a run and a batch, as the routes hand them over, without Camel. */
class RequestStepsTest {

    static Run run(boolean dryRun, boolean testMode) {
        ActivationMapping mapping = new ActivationMapping(
                "shop", "checkout", Map.of(PinterestField.EVENT_ID, "order_id"), MappingContext.UTC);
        Activation activation = new Activation(
                "shop",
                "main",
                new DestinationProperties(
                        "549755885175", "https://pinterest.test/", dryRun, null, testMode, null, null),
                "orders",
                null,
                100,
                mapping,
                Map.of(),
                Map.of(),
                null,
                Duration.ofDays(7),
                null,
                Map.of(),
                Duration.ZERO,
                MonitorProperties.BUILT_IN);
        return new Run(activation, 3, "run now", new ChunkOrder(1));
    }

    static Batch mapped(int events) {
        List<ConversionEvent> list = IntStream.range(0, events)
                .mapToObj(i -> new ConversionEvent(
                        "E-" + i, Map.of("event_id", "E-" + i, "event_name", "checkout", "action_source", "web")))
                .toList();
        return Batch.read(4, List.of(), null).withRowsLeft(List.of(), List.of()).mapped(list, List.of());
    }

    @Test
    void aRequestNamesItsDestinationAndEndpointAndItsBodyIsTheEventsAsJson() throws IOException {
        PinterestRequests requests = new PinterestRequests(new PinterestApi(new ObjectMapper()));
        Request request = requests.prepare(run(false, true), mapped(2));

        assertThat(request.destinationId()).isEqualTo("main");
        assertThat(request.dryRun()).isFalse();
        assertThat(request.eventsUrl()).isEqualTo("https://pinterest.test/v5/ad_accounts/549755885175/events");
        assertThat(request.query()).isEqualTo("test=true");
        assertThat(request.events()).extracting(ConversionEvent::eventId).containsExactly("E-0", "E-1");

        Map<String, Object> headers = new HashMap<>();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        requests.body(request, headers).writeTo(json);
        assertThat(headers)
                .containsEntry(Exchange.HTTP_METHOD, "POST")
                .containsEntry(Exchange.CONTENT_TYPE, "application/json")
                .containsEntry(Exchange.HTTP_QUERY, "test=true");
        assertThat(json.toString(StandardCharsets.UTF_8))
                .startsWith("{\"data\":[{")
                .contains("\"event_id\":\"E-0\"", "\"event_id\":\"E-1\"");
        assertThat(request.toString()).isEqualTo("request of 2 events to destination 'main'");
    }

    @Test
    void aBatchThatReachesDeliveryUnmappedIsRefusedWithTheStepThatMustRunFirst() {
        PinterestRequests requests = new PinterestRequests(new PinterestApi(new ObjectMapper()));
        assertThatThrownBy(() -> requests.prepare(run(false, false), Batch.read(2, List.of(), null)))
                .hasMessage("activation 'shop': chunk 2 reached deliver-batch unmapped; map-batch must run before it in"
                        + " the route files");
    }

    @Test
    void aRefusedRequestIsHalvedWhileTheBatchHasHalvingsLeftAndALoneEventNever() {
        ConversionsProperties properties = mock(ConversionsProperties.class);
        DeliveryProperties delivery = DeliveryProperties.defaults();
        when(properties.delivery()).thenReturn(delivery);
        RequestRefusals refusals = new RequestRefusals(mock(OutcomeRecorder.class), properties);
        PinterestRequests requests = new PinterestRequests(new PinterestApi(new ObjectMapper()));
        Run run = run(false, false);
        Request whole = requests.prepare(run, mapped(5));

        List<Batch> halves = refusals.halves(whole);
        assertThat(halves).extracting(h -> h.events().size()).containsExactly(2, 3);
        assertThat(halves)
                .allSatisfy(
                        h -> assertThat(h.settlement()).isSameAs(whole.batch().settlement()));

        Request lone = requests.prepare(
                run, halves.get(0).withEvents(List.of(halves.get(0).events().get(0))));
        assertThat(refusals.canHalve(lone)).isFalse();
        int allowed = delivery.maxHalvings();
        for (int i = 0; i < allowed; i++) {
            assertThat(refusals.canHalve(requests.prepare(run, halves.get(i % 2))))
                    .as("halving %d of %d", i + 1, allowed)
                    .isTrue();
        }
        assertThat(refusals.canHalve(whole)).isFalse();
    }
}
