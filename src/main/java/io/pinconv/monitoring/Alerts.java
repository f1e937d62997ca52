package io.pinconv.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DestinationProperties;
import io.pinconv.egress.EgressPolicy;
import io.pinconv.egress.EgressRefusedException;
import io.pinconv.egress.Origin;
import io.pinconv.ledger.RunSummary;
import io.pinconv.text.SafeText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What someone must hear about: a run that failed, a destination paused by a refused token, an
 * activation paused by an operator, a run whose share of rejected rows passes
 * {@code conversions.alerts.rejection-share}. A failing activation alerts once when its failures start
 * and once (run_recovered, at INFO) when a run succeeds again. Each is an ERROR log line with structured fields
 * (alert, activation, destination; see logging.structured.format for JSON logs) and, when the
 * destination has an {@code alert-webhook}, a JSON POST in Slack's format ({"text": ...}).
 */
@Component
public class Alerts {

    private static final Logger log = LoggerFactory.getLogger("io.pinconv.alerts");

    private final ConversionsProperties properties;
    private final ObjectMapper json;
    private final double rejectionShare;
    private final EgressPolicy egress;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Alerts(
            ConversionsProperties properties,
            ObjectMapper json,
            EgressPolicy egress,
            @Value("${conversions.alerts.rejection-share:0.2}") double rejectionShare) {
        this.egress = egress;
        this.properties = properties;
        this.json = json;
        this.rejectionShare = rejectionShare;
    }

    public void runFailed(String destinationId, RunSummary run) {
        raise(
                "run_failed",
                run.activationId(),
                destinationId,
                "Run " + run.id() + " of activation '" + run.activationId() + "' failed: " + run.failure());
    }

    /** The first run that succeeds after failed ones: the all-clear for the run_failed alert. */
    public void runRecovered(String destinationId, RunSummary run) {
        notify(
                "run_recovered",
                run.activationId(),
                destinationId,
                "Activation '" + run.activationId() + "' runs again: run " + run.id()
                        + " succeeded after failed runs (delivered " + run.delivered() + ")",
                false);
    }

    public void runEnded(String destinationId, RunSummary run) {
        if (run.read() > 0 && (double) run.rejected() / run.read() > rejectionShare) {
            raise(
                    "rejection_share",
                    run.activationId(),
                    destinationId,
                    String.format(
                            "Run %d of activation '%s' held back %d of %d rows (%.0f%%, above %.0f%%): see its rejections",
                            run.id(),
                            run.activationId(),
                            run.rejected(),
                            run.read(),
                            100.0 * run.rejected() / run.read(),
                            100 * rejectionShare));
        }
    }

    public void tokenRefused(String destinationId, String message) {
        raise("token_refused", null, destinationId, "Destination '" + destinationId + "' is paused: " + message);
    }

    public void activationPaused(String activationId, String destinationId, String reason) {
        raise(
                "activation_paused",
                activationId,
                destinationId,
                "Activation '" + activationId + "' was paused" + (reason == null ? "" : ": " + reason));
    }

    private void raise(String alert, String activationId, String destinationId, String text) {
        notify(alert, activationId, destinationId, text, true);
    }

    private void notify(String alert, String activationId, String destinationId, String message, boolean error) {
        // a reason or a failure may quote what someone typed or what a server answered: one line, always
        String text = SafeText.withoutControlCharacters(message);
        (error ? log.atError() : log.atInfo())
                .addKeyValue("alert", alert)
                .addKeyValue("activation", activationId)
                .addKeyValue("destination", destinationId)
                .log("ALERT {}: {}", alert, text);
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
                    slackEscaped(text),
                    "alert",
                    slackEscaped(alert),
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
