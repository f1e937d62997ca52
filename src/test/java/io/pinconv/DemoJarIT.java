package io.pinconv;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar started as the README's quick start does, with nothing configured (but a data folder of its own
 * and a free port): the demo comes up and dry-runs its sample segment. DemoModeIT runs the demo inside the test's JVM
 * with a management port of its own; this one as a user meets it, the actuator on the service's port.
 */
class DemoJarIT {

    @TempDir
    Path dir;

    Process service;

    @AfterEach
    void tearDown() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void withNothingConfiguredTheDemoStartsAndDryRunsItsSample() throws Exception {
        Path config = dir.resolve("only-a-folder-and-a-port.yml");
        Files.writeString(config, "conversions.demo.data-dir: " + dir.resolve("demo-db") + "\nserver.port: 0\n");
        Path log = dir.resolve("demo.log");
        service = ServiceProcess.startQuickly(dir, config, log, "256m");

        ServiceProcess.awaitWhileRunning(
                service,
                log,
                Duration.ofMinutes(3),
                "the demo's first dry run",
                () -> ServiceProcess.read(log)
                        .contains("Dry run of activation 'demo-purchases': would send 4 events to "));
        assertThat(ServiceProcess.read(log))
                .contains("Demo mode (nothing configured): listening on 127.0.0.1:")
                .doesNotContain("Management-specific server address cannot be configured");
        assertThat(Files.readString(dir.resolve("demo-would-send.jsonl"))).contains("\"em\":[\"");
    }
}
