package io.pinconv.pinterest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.mapping.ConversionEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads Pinterest's answer to one request: one outcome per event, in request order (200, 422); the
 * request refused as a whole (400 and other 4xx); or an exception that says whether to retry (429,
 * 5xx, an answer that cannot be read) or to stop sending to the destination (401, 403, 404).
 *
 * <p>The deliver-to route unmarshals a 200 answer into {@link EventsAnswer} with camel-jackson and
 * calls {@link #accepted}; any other status is read as text by {@link #read}, since error bodies may be
 * HTML, empty, or JSON of another shape.
 */
@Component
public class ResponseReader {

    private final ObjectMapper json;

    public ResponseReader(ObjectMapper json) {
        this.json = json;
    }

    public PinterestAnswer read(int status, String body, String retryAfter, List<ConversionEvent> sent) {
        if (status == 200) {
            return accepted(typed(body), sent);
        }
        if (status == 422) {
            return PinterestAnswer.of(outcomes(status, body, sent));
        }
        String message = "Pinterest answered " + status + describe(body);
        if (status == 401 || status == 403) {
            throw new DestinationRefusedException(
                    status, message + ": the access token is wrong, revoked, or may not send to this ad account");
        }
        if (status == 404) {
            throw new DestinationRefusedException(
                    status, message + ": no such ad account, or the token may not see it");
        }
        if (status == 429 || status == 408 || status >= 500 || status < 400) {
            throw new TransientDeliveryException(status, message, parseRetryAfter(retryAfter));
        }
        return PinterestAnswer.refused(message);
    }

    /** A 200 answer, typed: one outcome per event sent, or a transient failure when it cannot be tied to them. */
    public PinterestAnswer accepted(EventsAnswer answer, List<ConversionEvent> sent) {
        List<EventsAnswer.EventStatus> events = answer == null || answer.events() == null ? List.of() : answer.events();
        List<EventOutcome> outcomes = new ArrayList<>(sent.size());
        if (events.size() == sent.size()) {
            for (int i = 0; i < sent.size(); i++) {
                EventsAnswer.EventStatus e = events.get(i);
                // a null entry ("events":[null]) says nothing of its event: it is not taken as processed
                boolean processed = e != null && e.isProcessed();
                outcomes.add(new EventOutcome(
                        sent.get(i).eventId(),
                        processed,
                        processed
                                ? null
                                : textOrDefault(e == null ? null : e.errorMessage(), "failed without an error message"),
                        textOrDefault(e == null ? null : e.warningMessage(), null)));
            }
            return PinterestAnswer.of(outcomes);
        }
        if (answer != null && answer.processed() != null && answer.processed() == sent.size()) {
            sent.forEach(e -> outcomes.add(new EventOutcome(e.eventId(), true, null, null)));
            return PinterestAnswer.of(outcomes);
        }
        // An answer that cannot be tied to the events sent: none is recorded, the chunk stays pending.
        throw new TransientDeliveryException(
                200,
                "Pinterest answered 200 with " + events.size() + " event statuses for " + sent.size()
                        + " events sent; the chunk is kept to be sent again",
                null);
    }

    private EventsAnswer typed(String body) {
        try {
            return json.readValue(body == null || body.isBlank() ? "{}" : body, EventsAnswer.class);
        } catch (Exception e) {
            throw new TransientDeliveryException(200, "Pinterest answered 200 with a body that is not JSON", null);
        }
    }

    /**
     * {@link #read}, for the deliver-to route inside its circuit breaker: a refused token (401, 403, 404) comes back
     * as an answer, to be thrown by {@link #throwIfTokenRefused} right after the breaker. Pinterest answered, so it is
     * no failure of the destination's health: the breaker counts the call as one that succeeded, and a half-open
     * breaker's trial is spent, never lost (an exception thrown inside the breaker would count as a failure; Camel's
     * ignoreExceptions would take it off the exchange, and the chunk would go on unsent).
     */
    public PinterestAnswer answer(int status, String body, String retryAfter, List<ConversionEvent> sent) {
        try {
            return read(status, body, retryAfter, sent);
        } catch (DestinationRefusedException e) {
            return PinterestAnswer.tokenRefused(e);
        }
    }

    /** Out of the breaker: a refused token fails the attempt, and delivery-policy parks the chunk and pauses the destination. */
    public void throwIfTokenRefused(PinterestAnswer answer) {
        if (answer.tokenRefusal() != null) {
            throw answer.tokenRefusal();
        }
    }

    /** Whether Pinterest refused the request as a whole (for the route's choice). */
    public boolean isRefused(PinterestAnswer answer) {
        return answer.isRefused();
    }

    private List<EventOutcome> outcomes(int status, String body, List<ConversionEvent> sent) {
        JsonNode root = parse(status, body);
        JsonNode result = status == 422 && root.has("details") ? root.get("details") : root;
        JsonNode events = result.path("events");
        List<EventOutcome> outcomes = new ArrayList<>(sent.size());
        if (events.isArray() && events.size() == sent.size()) {
            for (int i = 0; i < sent.size(); i++) {
                JsonNode e = events.get(i);
                boolean processed = "processed".equals(e.path("status").asText());
                outcomes.add(new EventOutcome(
                        sent.get(i).eventId(),
                        processed,
                        processed ? null : textOrDefault(e.path("error_message"), "failed without an error message"),
                        textOrDefault(e.path("warning_message"), null)));
            }
            return outcomes;
        }
        if (status == 200 && result.path("num_events_processed").asInt(-1) == sent.size()) {
            sent.forEach(e -> outcomes.add(new EventOutcome(e.eventId(), true, null, null)));
            return outcomes;
        }
        // An answer that cannot be tied to the events sent: none is recorded, the chunk stays pending.
        throw new TransientDeliveryException(
                status,
                "Pinterest answered " + status + " with " + events.size() + " event statuses for " + sent.size()
                        + " events sent; the chunk is kept to be sent again",
                null);
    }

    private JsonNode parse(int status, String body) {
        try {
            return json.readTree(body == null ? "{}" : body);
        } catch (Exception e) {
            throw new TransientDeliveryException(
                    status, "Pinterest answered " + status + " with a body that is not JSON", null);
        }
    }

    private String describe(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode root = json.readTree(body);
            String message = root.path("message").asText("");
            String code = root.has("code") ? " (code " + root.path("code").asText() + ")" : "";
            return message.isEmpty() ? code : ": " + truncate(message) + code;
        } catch (Exception e) {
            return "";
        }
    }

    private static String textOrDefault(JsonNode node, String fallback) {
        return node.isTextual() ? textOrDefault(node.asText(), fallback) : fallback;
    }

    private static String textOrDefault(String text, String fallback) {
        return text != null && !text.isBlank() ? truncate(text) : fallback;
    }

    private static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }

    static Long parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(
                        0, Duration.between(Instant.now(), at.toInstant()).getSeconds());
            } catch (Exception ignored) {
                return null;
            }
        }
    }
}
