package io.pinconv.pinterest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Pinterest's 200 answer to a conversion request ({@code ConversionApiResponse}), as the deliver-to
 * route unmarshals it with camel-jackson: a status per event, in request order. Fields Pinterest adds
 * later are ignored, and no field is typed by the document (no polymorphic type id): the answer comes
 * from outside.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventsAnswer(
        @JsonProperty("num_events_received") Integer received,
        @JsonProperty("num_events_processed") Integer processed,
        @JsonProperty("events") List<EventStatus> events) {

    /** One event's verdict: {@code status} is "processed" or "failed". */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EventStatus(
            @JsonProperty("status") String status,
            @JsonProperty("error_message") String errorMessage,
            @JsonProperty("warning_message") String warningMessage) {

        public boolean isProcessed() {
            return "processed".equals(status);
        }
    }
}
