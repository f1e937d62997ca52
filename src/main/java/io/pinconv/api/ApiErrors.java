package io.pinconv.api;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.pinconv.activation.MisconfiguredActivationException;
import io.pinconv.activation.NoSuchActivationException;
import io.pinconv.activation.WaitingForSourceException;
import io.pinconv.pinterest.NoSuchDestinationException;
import io.pinconv.pinterest.QualityScoreUnavailableException;
import io.pinconv.text.SafeText;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The admin API's answers to what goes wrong, by the kind of exception: the status follows from the type,
 * never from the wording of a message, which can change without anyone thinking of the API. Every answer
 * is {"error": "..."}, saying what to do.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
public class ApiErrors {

    @ExceptionHandler(NoSuchActivationException.class)
    public ResponseEntity<Map<String, String>> notFound(NoSuchActivationException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(NoSuchDestinationException.class)
    public ResponseEntity<Map<String, String>> noSuchDestination(NoSuchDestinationException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** Pinterest's quality score could not be read (no oauth-token, refused, unreachable): what to do. */
    @ExceptionHandler(QualityScoreUnavailableException.class)
    public ResponseEntity<Map<String, String>> qualityScoreUnavailable(QualityScoreUnavailableException e) {
        return answer(HttpStatus.BAD_GATEWAY, e.getMessage());
    }

    /** The request is right; the activation's configuration is in the way until it is fixed. */
    @ExceptionHandler(MisconfiguredActivationException.class)
    public ResponseEntity<Map<String, String>> misconfigured(MisconfiguredActivationException e) {
        return answer(HttpStatus.CONFLICT, e.getMessage());
    }

    /** The activation's source does not answer: try again later, nothing in the request is wrong. */
    @ExceptionHandler(WaitingForSourceException.class)
    public ResponseEntity<Map<String, String>> waitingForSource(WaitingForSourceException e) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    /** Anything else the request got wrong (a replay's body, a range, a reason too long): what to fix. */
    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** A parameter of the wrong type (?limit=ten, ?before=abc): which one, and what it takes. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<Map<String, String>> wrongParameter(MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null
                ? "another type"
                : e.getRequiredType().getSimpleName();
        String takes = switch (type) {
            case "int", "Integer", "long", "Long" -> "a whole number";
            default -> "a " + type;
        };
        return answer(
                HttpStatus.BAD_REQUEST,
                "the parameter '" + e.getName() + "' takes " + takes + ", not '" + shown(String.valueOf(e.getValue()))
                        + "'");
    }

    /** A body that is not a JSON object (or none at all): say what the endpoints take rather than a bare 400. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, String>> unreadableBody(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof StreamConstraintsException limit) {
            // e.g. "Document nesting depth (17) exceeds the maximum allowed (16, from `StreamReadConstraints...`)"
            String what = limit.getOriginalMessage().replaceAll(", from `[^`]*`", "");
            return answer(HttpStatus.BAD_REQUEST, "the body goes past what the API reads: " + what);
        }
        return answer(
                HttpStatus.BAD_REQUEST,
                "the body must be a JSON object, e.g. {\"eventIds\": [\"A-1001\"],"
                        + " \"reason\": \"...\"} or {\"from\": \"2026-11-30T00:00:00Z\", \"to\": \"2026-12-01T00:00:00Z\"}");
    }

    /** A value the caller sent, as an error may repeat it: one line, at most 40 characters. */
    static String shown(String given) {
        String one = SafeText.withoutControlCharacters(given);
        return one.length() > 40 ? one.substring(0, 40) + "..." : one;
    }

    private static ResponseEntity<Map<String, String>> answer(HttpStatus status, String error) {
        // Map.of refuses a null value: an exception without a message still answers
        return ResponseEntity.status(status).body(Map.of("error", error == null ? status.getReasonPhrase() : error));
    }
}
