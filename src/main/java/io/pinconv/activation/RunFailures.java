package io.pinconv.activation;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.pinconv.pinterest.PinterestException;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessException;

/**
 * Why a run or a delivery failed, in words a user can act on, and with no personal data: what the run history,
 * the log and alert webhooks say.
 */
public final class RunFailures {

    private RunFailures() {}

    static boolean causedBy(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cause in words a user can act on: Pinterest's answer when it was one, else the innermost
     * message (Camel wraps a chunk's failure in a splitter exception that says nothing useful).
     */
    public static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        Throwable innermost = cause;
        boolean database = false;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PinterestException) {
                return t.getMessage();
            }
            if (t instanceof CallNotPermittedException) {
                // Resilience4j names the breaker (deliver-to-<destination>-breaker): say what it means
                return "the circuit breaker " + t.getMessage().replaceFirst("^CircuitBreaker ", "")
                        + ": the destination failed repeatedly; calls resume after its breaker.wait-in-open";
            }
            database |= t instanceof SQLException || t instanceof DataAccessException;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                innermost = t;
            }
        }
        String message = innermost.getMessage() == null
                ? ""
                : innermost.getMessage().lines().findFirst().orElse("");
        message = message.isBlank() ? innermost.getClass().getSimpleName() : message;
        message = withoutPersonalData(message);
        return database ? "the database failed (" + message + ")" : message;
    }

    private static final Pattern DATABASE_VALUE = Pattern.compile(
            "((?:invalid input (?:syntax|value) for [\\w ]+|value too long for [\\w ]+|out of range for [\\w ]+)[^\"]*)\"[^\"]*\"");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

    /**
     * A failure's message goes to the log, the run history and alert webhooks: a segment's values that
     * a database error quotes (PostgreSQL's "invalid input syntax for type ...: \"value\"") and
     * anything shaped like an e-mail address are masked.
     */
    public static String withoutPersonalData(String message) {
        String masked = DATABASE_VALUE.matcher(message).replaceAll("$1\"<masked>\"");
        return EMAIL.matcher(masked).replaceAll("<masked e-mail>");
    }
}
