package io.pinconv.pinterest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.mapping.ConversionEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {

    final ResponseReader reader = new ResponseReader(new ObjectMapper());
    final List<ConversionEvent> sent = List.of(new ConversionEvent("a", Map.of()), new ConversionEvent("b", Map.of()));

    @Test
    void readsOneOutcomePerEventInRequestOrder() {
        String body = """
                {"num_events_received":2,"num_events_processed":1,"events":[
                  {"status":"processed","error_message":null,"warning_message":"unknown field"},
                  {"status":"failed","error_message":"Invalid event_timestamp parameter.","warning_message":null}]}""";
        assertThat(reader.read(200, body, null, sent).outcomes())
                .containsExactly(
                        new EventOutcome("a", true, null, "unknown field"),
                        new EventOutcome("b", false, "Invalid event_timestamp parameter.", null));
    }

    @Test
    void a422CarriesTheOutcomesInItsDetails() {
        String body = """
                {"code":953,"message":"Not all events were successfully processed.","details":{
                 "num_events_received":2,"num_events_processed":0,"events":[
                  {"status":"failed","error_message":"x","warning_message":""},
                  {"status":"failed","error_message":"y","warning_message":""}]}}""";
        assertThat(reader.read(422, body, null, sent).outcomes())
                .extracting(EventOutcome::processed)
                .containsExactly(false, false);
    }

    @Test
    void anAnswerThatCannotBeTiedToTheEventsRecordsNothing() {
        assertThatThrownBy(() -> reader.read(
                        200, "{\"num_events_received\":2,\"num_events_processed\":1,\"events\":[]}", null, sent))
                .isInstanceOf(TransientDeliveryException.class);
        assertThatThrownBy(() -> reader.read(200, "<html>", null, sent)).isInstanceOf(TransientDeliveryException.class);
    }

    @Test
    void statusesSayWhetherToRetryStopOrGiveUp() {
        assertThatThrownBy(() -> reader.read(401, "{\"code\":2,\"message\":\"Authentication failed.\"}", null, sent))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("Authentication failed.");
        assertThatThrownBy(() -> reader.read(403, "", null, sent)).isInstanceOf(DestinationRefusedException.class);
        assertThatThrownBy(() -> reader.read(429, "{}", "30", sent))
                .isInstanceOfSatisfying(
                        TransientDeliveryException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(30L));
        assertThatThrownBy(() -> reader.read(503, "", null, sent)).isInstanceOf(TransientDeliveryException.class);
        PinterestAnswer refused =
                reader.read(400, "{\"code\":4196,\"message\":\"The request was invalid.\"}", null, sent);
        assertThat(refused.isRefused()).isTrue();
        assertThat(refused.refusal()).contains("400").contains("The request was invalid.");
        assertThatThrownBy(() -> reader.read(404, "", null, sent)).isInstanceOf(DestinationRefusedException.class);
    }
}
