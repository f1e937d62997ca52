package io.pinconv.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DestinationProperties;
import io.pinconv.egress.EgressPolicy;
import io.pinconv.egress.EgressRefusedException;
import io.pinconv.egress.Origin;
import io.pinconv.ledger.AlertConditions;
import io.pinconv.ledger.RunSummary;
import io.pinconv.text.SafeText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * What someone must hear about. Conditions (a failing activation, a monitor's drop, Pinterest's quality score
 * worsening) speak once when they start (ERROR, "ALERT kind: ...") and once when they end (INFO, "RESOLVED kind:
 * ..."), whichever run or instance sees them: which conditions are in force is kept in the database
 * ({@link AlertConditions}). Events (a destination paused by a refused token, an activation paused by an operator)
 * speak each time. Each is a log line with structured fields (alert, state, activation, destination; see
 * logging.structured.format for JSON logs) and, when the destination has an {@code alert-webhook}, a JSON POST in
 * Slack's format ({"text": ...}).
 */
@Component
public class Alerts {

    public static final String ACTIVATION = "activation";
    public static final String DESTINATION = "destination";

    private static final Logger log = LoggerFactory.getLogger("io.pinconv.alerts");

    private final ConversionsProperties properties;
    private final ObjectMapper json;
    private final EgressPolicy egress;
    private final AlertConditions conditions;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Alerts(
            ConversionsProperties properties,
            ObjectMapper json,
            EgressPolicy egress,
            AlertConditions conditions,
            Clock clock) {
        this.egress = egress;
        this.properties = properties;
        this.json = json;
        this.conditions = conditions;
        this.clock = clock;
    }

    /**
     * A condition of an activation after a run (or a check): said when it starts to hold and when it stops, silent
     * while it goes on.
     *
     * @param subject what in the activation it is about ("" for the activation as a whole; "email" for a coverage
     *     drop of e-mails)
     * @return true when this call said something
     */
    public boolean activationCondition(
            String kind, String activationId, String destinationId, String subject, boolean holds, String message) {
        return condition(ACTIVATION, activationId, kind, activationId, destinationId, subject, holds, message);
    }

    /** A condition of a destination (its quality score, say), said as {@link #activationCondition} says its own. */
    public boolean destinationCondition(
            String kind, String destinationId, String subject, boolean holds, String message) {
        return condition(DESTINATION, destinationId, kind, null, destinationId, subject, holds, message);
    }

    private boolean condition(
            String scope,
            String ownerId,
            String kind,
            String activationId,
            String destinationId,
            String subject,
            boolean holds,
            String message) {
        String s = subject == null ? "" : subject;
        try {
            if (holds && conditions.open(scope, ownerId, kind, s, message, clock.instant())) {
                notify(kind, "raised", activationId, destinationId, message, true);
                return true;
            }
            if (!holds && conditions.close(scope, ownerId, kind, s, message, clock.instant())) {
                notify(kind, "cleared", activationId, destinationId, message, false);
                return true;
            }
            return false;
        } catch (DataAccessException e) {
            // the state database is down: say it rather than stay silent (it may be said again once it is back)
            log.warn(
                    "Could not keep the state of alert {} of {} '{}' ({}); said anyway",
                    kind,
                    scope,
                    ownerId,
                    e.getClass().getSimpleName());
            notify(kind, holds ? "raised" : "cleared", activationId, destinationId, message, holds);
            return true;
        }
    }

    public void runFailed(String destinationId, RunSummary run) {
        activationCondition(
                "run_failed",
                run.activationId(),
                destinationId,
                "",
                true,
                "Run " + run.id() + " of activation '" + run.activationId() + "' failed: " + run.failure());
    }

    /** A run that succeeded: the all-clear of the run_failed condition, if it was in force. */
    public void runSucceeded(String destinationId, RunSummary run) {
        activationCondition(
                "run_failed",
                run.activationId(),
                destinationId,
                "",
                false,
                "Activation '" + run.activationId() + "' runs again: run " + run.id()
                        + " succeeded after failed runs (delivered " + run.delivered() + ")");
    }

    /** Pinterest refused the destination's token: it is paused until the token is accepted again. */
    public void tokenRefused(String destinationId, String message) {
        destinationCondition(
                "token_refused", destinationId, "", true, "Destination '" + destinationId + "' is paused: " + message);
    }

    /** The all-clear of token_refused: a request was accepted again (a new token, access given, a resume). */
    public void tokenAccepted(String destinationId) {
        destinationCondition(
                "token_refused",
                destinationId,
                "",
                false,
                "Destination '" + destinationId + "' accepts its access token again: sending resumed");
    }

    public void activationPaused(String activationId, String destinationId, String reason) {
        activationCondition(
                "activation_paused",
                activationId,
                destinationId,
                "",
                true,
                "Activation '" + activationId + "' was paused" + (reason == null ? "" : ": " + reason));
    }

    public void activationResumed(String activationId, String destinationId) {
        activationCondition(
                "activation_paused",
                activationId,
                destinationId,
                "",
                false,
                "Activation '" + activationId + "' was resumed: it runs on its schedule again");
    }

    private void notify(
            String alert, String state, String activationId, String destinationId, String message, boolean error) {
        // a reason or a failure may quote what someone typed or what a server answered: one line, always
        String text = SafeText.withoutControlCharacters(message);
        String head = "cleared".equals(state) ? "RESOLVED" : "ALERT";
        (error ? log.atError() : log.atInfo())
                .addKeyValue("alert", alert)
                .addKeyValue("state", state)
                .addKeyValue("activation", activationId)
                .addKeyValue("destination", destinationId)
                .log("{} {}: {}", head, alert, text);
        DestinationProperties d =
                destinationId == null ? null : properties.destinations().get(destinationId);
        if (d == null || d.alertWebhook() == null || d.alertWebhook().isBlank()) {
            return;
        }
        try {
            // the webhook is on the allow-list by definition; a localhost name must still resolve to this machine
            egress.check(Origin.parse(d.alertWebhook()));
            String body = json.writeValueAsString(Map.of(
                    "text",
                    slackEscaped("cleared".equals(state) ? "Resolved: " + text : text),
                    "alert",
                    slackEscaped(alert),
                    "state",
                    state,
                    "activation",
                    activationId == null ? "" : slackEscaped(activationId),
                    "destination",
                    slackEscaped(destinationId)));
            http.sendAsync(
                            HttpRequest.newBuilder(URI.create(d.alertWebhook()))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        if (e != null || r.statusCode() >= 300) {
                            log.warn(
                                    "The alert webhook of destination '{}' did not take the alert ({})",
                                    destinationId,
                                    e != null ? e.getClass().getSimpleName() : "HTTP " + r.statusCode());
                        }
                    });
        } catch (EgressRefusedException e) {
            log.warn("The alert webhook of destination '{}' was not called: {}", destinationId, e.getMessage());
        } catch (Exception e) {
            log.warn(
                    "The alert webhook of destination '{}' could not be called ({})",
                    destinationId,
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Text as Slack shows it literally: Slack reads {@code <!channel>}, {@code <@U123>} and
     * {@code <https://...|label>} in a message as mentions and links, so an operator's reason or a
     * server's message must not reach it unescaped. These three escapes are the ones Slack documents.
     */
    static String slackEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
