package io.pinconv.delivery;

import io.pinconv.activation.Activation;
import io.pinconv.activation.Run;
import io.pinconv.activation.Settlement;
import io.pinconv.ledger.RunCounts;
import io.pinconv.ledger.Runs;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.mapping.Lateness;
import io.pinconv.mapping.MatchQuality;
import io.pinconv.pinterest.PinterestApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
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

    private final PinterestApi api;
    private final Runs runs;
    private final Clock clock;

    public DryRunSink(PinterestApi api, Runs runs, Clock clock) {
        this.api = api;
        this.runs = runs;
        this.clock = clock;
    }

    public void write(@Variable(Run.VARIABLE) Run run, @Variable(Request.VARIABLE) Request request) {
        Activation activation = run.activation();
        String activationId = activation.id();
        List<ConversionEvent> events = request.events();
        String file = activation.destination().dryRunFile();
        String url = PinterestApi.eventsUrl(activation.destination());
        String events1 = events.size() == 1 ? "1 event" : events.size() + " events";
        if (file == null || file.isBlank()) {
            // one line per request, not the request: a request of 1,000 events is a quarter of a megabyte
            log.info(
                    "Dry run of activation '{}': would send {} to {} (to see them: POST /api/activations/{}/preview,"
                            + " or set the destination's dry-run-file to keep every request)",
                    activationId,
                    events1,
                    url,
                    activationId);
        } else {
            try {
                // normalised: "<folder>/../x.jsonl" (the demo's) is writable even before <folder> exists
                Path path = Path.of(file).toAbsolutePath().normalize();
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                append(path, api.shareableBody(events) + "\n");
            } catch (IOException e) {
                // a file system error's message is often the path alone: say what kind of error it is
                throw new UncheckedIOException(
                        "cannot write the dry-run file " + file + ": "
                                + e.getClass().getSimpleName() + " " + e.getMessage(),
                        e);
            }
            log.info(
                    "Dry run of activation '{}': would send {} to {}; the request is in {}",
                    activationId,
                    events1,
                    url,
                    file);
        }
        runs.add(
                run.id(),
                RunCounts.dryRun(
                        events.size(),
                        MatchQuality.of(events),
                        Lateness.of(
                                events, run.activation().monitors().lateEvents().threshold(), clock.instant())));
        Settlement.settled(
                request.batch().settlement(),
                events.stream().map(ConversionEvent::eventId).toList());
    }

    /** Owner only: the file holds hashed personal data, which can be matched against known e-mail addresses. */
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * Appends to the file, creating it readable by its owner alone where the file system has POSIX
     * permissions: given at creation, so that no other user can open it between creation and a chmod.
     */
    private static void append(Path path, String text) throws IOException {
        Set<OpenOption> options =
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes =
                path.getFileSystem().supportedFileAttributeViews().contains("posix")
                        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                        : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(path, options, attributes)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }
}
