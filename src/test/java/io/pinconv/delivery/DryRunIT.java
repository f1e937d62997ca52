package io.pinconv.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.RunNowService;
import io.pinconv.activation.ActivationRunner;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A dry run shows what would be sent without showing anyone a person's data in clear. */
@ExtendWith(OutputCaptureExtension.class)
public class DryRunIT extends RunNowService {

    static final String schema = RunNowService.segmentOfTheService(segmentWithClickAndPartner(), null);
    static final Path dir = temporaryDirectory();
    static final Path file = dir.resolve("requests/dry-run.jsonl");

    static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("dry-run-it");
            // the service writes its dry-run file there as long as it lives, and it may outlive this class
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(() -> org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile())));
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String segmentWithClickAndPartner() {
        String schema = TestDatabase.newPurchaseSegment();
        TestDatabase.jdbc()
                .execute("ALTER TABLE " + schema + ".purchase_events ADD COLUMN click text, ADD COLUMN partner text");
        return schema;
    }

    /** Its part of {@link RunNowService}'s configuration. */
    public static void activations(DynamicPropertyRegistry p) {
        Map<String, String> mapping = Map.of(
                "event_time",
                "purchased_at",
                "action_source",
                "channel",
                "event_id",
                "order_id",
                "email",
                "email",
                "client_ip_address",
                "ip",
                "client_user_agent",
                "user_agent",
                "click_id",
                "click",
                "partner_id",
                "partner",
                "value",
                "amount",
                "currency",
                "currency");
        for (String d : List.of("logged", "filed")) {
            TestConfig.destination(p, d, TestDatabase.newAdAccount(), null, "https://api.pinterest.com");
            p.add("conversions.destinations." + d + ".dry-run", () -> "true");
            TestConfig.activation(p, "dry-" + d, d, schema + ".purchase_events", "checkout", TestConfig.NEVER, mapping);
        }
        p.add("conversions.destinations.filed.dry-run-file", file::toString);
    }

    @Autowired
    ActivationRunner runner;

    @BeforeAll
    static void forgetEarlierRuns() {
        TestDatabase.forget("dry-logged", "dry-filed");
    }

    @Test
    void theLogAndTheFileHoldHashesOnlyAndTheFileIsTheOwnersAlone(CapturedOutput output) throws Exception {
        TestDatabase.insert(
                schema, List.of(PurchaseRow.valid("DRY-1", Instant.now().minus(1, ChronoUnit.HOURS))));
        TestDatabase.jdbc()
                .update("UPDATE " + schema
                        + ".purchase_events SET click = 'dj0yJnU9click-of-ada', partner = 'ada-at-partner'");

        assertThat(runner.runNow("dry-logged").delivered()).isEqualTo(1);
        // a line per request in the log, never the request
        assertThat(output.getOut())
                .contains("Dry run of activation 'dry-logged': would send 1 event to ")
                .contains("POST /api/activations/dry-logged/preview")
                .doesNotContain("\"em\":[\"", "dj0yJnU9click-of-ada", "ada-at-partner", "203.0.113.9")
                .doesNotContain("dry-1@example.com");

        assertThat(runner.runNow("dry-filed").delivered()).isEqualTo(1);
        assertThat(output.getOut()).contains("Dry run of activation 'dry-filed': would send 1 event to ");
        assertThat(Files.readString(file))
                .contains("\"em\":[\"")
                .contains("\"click_id\":\"<masked>\"")
                .contains("\"partner_id\":\"<masked>\"")
                .doesNotContain("dj0yJnU9click-of-ada", "ada-at-partner", "dry-1@example.com");
        Assumptions.assumeTrue(
                file.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
