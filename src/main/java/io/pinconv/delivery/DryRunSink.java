package io.pinconv.delivery;

import io.pinconv.activation.Activation;
import io.pinconv.activation.ActivationCatalog;
import io.pinconv.activation.RunLifecycle;
import io.pinconv.ledger.RunCounts;
import io.pinconv.ledger.Runs;
import io.pinconv.pinterest.ConversionEvent;
import io.pinconv.pinterest.MatchQuality;
import io.pinconv.pinterest.PinterestApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a dry-run destination's requests go instead of Pinterest: the log, or a file with one JSON
 * request per line. Nothing is recorded as delivered, so switching the destination live later sends
 * every row for real.
 */
@Component
public class DryRunSink {

    private static final Logger log = LoggerFactory.getLogger(DryRunSink.class);

    private final ActivationCatalog catalog;
    private final PinterestApi api;
    private final Runs runs;

    public DryRunSink(ActivationCatalog catalog, PinterestApi api, Runs runs) {
        this.catalog = catalog;
        this.api = api;
        this.runs = runs;
    }

    public void write(@Variable(RunLifecycle.ACTIVATION) String activationId, @Variable(RunLifecycle.RUN_ID) long runId,
                      @Variable(PinterestRequests.EVENTS) List<ConversionEvent> events) {
        Activation activation = catalog.get(activationId);
        String body = api.shareableBody(events);
        String file = activation.destination().dryRunFile();
        if (file == null || file.isBlank()) {
            log.info("Dry run of activation '{}': would POST {} events to {}: {}", activationId, events.size(),
                    PinterestApi.eventsUrl(activation.destination()), body);
        } else {
            try {
                Path path = Path.of(file);
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                Files.writeString(path, body + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the dry-run file " + file + ": " + e.getMessage(), e);
            }
            log.info("Dry run of activation '{}': {} events written to {} instead of being sent", activationId, events.size(), file);
        }
        runs.add(runId, RunCounts.dryRun(events.size(), MatchQuality.of(events)));
    }
}
