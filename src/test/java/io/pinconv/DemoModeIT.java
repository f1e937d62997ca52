package io.pinconv;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.activation.ActivationRunner;
import io.pinconv.ledger.RunSummary;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With nothing configured, the service starts on its embedded database and dry-runs the sample segment,
 * and listens on loopback only: its login, demo/demo, is public.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "conversions.demo.data-dir=target/demo-db-it",
            "conversions.demo.clean=true",
            // a management port of its own (the actuator, Hawtio and Jolokia move there), on every interface if left so
            "management.server.port=0",
            "management.server.address=0.0.0.0"
        })
@ExtendWith(OutputCaptureExtension.class)
class DemoModeIT {

    @Autowired
    ActivationRunner runner;

    @LocalServerPort
    int port;

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void theDemoIsReachableFromThisMachineOnly(CapturedOutput output) throws Exception {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            Collections.list(nic.getInetAddresses()).stream()
                    .filter(a -> !a.isLoopbackAddress() && a instanceof Inet4Address)
                    .forEach(others::add);
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(
                others.isEmpty(), "this machine has no address besides loopback to try the demo from");
        // the service's port and its management port alike
        for (int p : List.of(port, managementPort)) {
            try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), p)) {
                assertThat(loopback.isConnected()).isTrue();
            }
            for (InetAddress other : others) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(other, p), 2000);
                    throw new AssertionError("the demo answered on " + other + ":" + p);
                } catch (IOException refused) {
                    // what a caller from another machine gets
                }
            }
        }
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(output.getOut())
                .contains("Demo mode (nothing configured): listening on 127.0.0.1:" + port + " only")
                .contains("Demo mode: the management port (actuator, Hawtio, Jolokia) listens on 127.0.0.1:"
                        + managementPort + " only");
    }

    /** The management port has the service port's guards: its Jolokia takes the same requests. */
    @Test
    void theManagementPortRefusesOddPathsAndLargeBodiesAsTheServicePortDoes(CapturedOutput output) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String version = "{\"type\":\"version\"}";
        String login = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString("demo:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int before = output.getAll().length();
        for (String path : List.of("//actuator/jolokia", "/actuator//jolokia")) {
            java.net.http.HttpResponse<String> r = http.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + managementPort + path))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(version))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(400);
        }
        java.net.http.HttpResponse<String> large = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + managementPort + "/actuator/jolokia"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", login)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(" ".repeat(1024 * 1024 + 1)))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("conversions.security.max-request-body");
        assertThat(output.getAll().substring(before))
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void theDemoDryRunsItsSampleSegmentWithoutSendingOrRecordingAnything(CapturedOutput output) {
        RunSummary first = runWhenFree();
        assertThat(first.status()).isEqualTo("succeeded");
        assertThat(first.dryRun()).isTrue();
        assertThat(first.read()).isEqualTo(7);
        assertThat(first.delivered()).isEqualTo(4);
        assertThat(first.rejected()).isEqualTo(3);
        // recorded and read back through the demo's own PostgreSQL
        assertThat(first.fieldsDropped()).isEqualTo(java.util.Map.of("phone", 1L));
        assertThat(output.getOut()).contains("fields dropped (invalid, event sent without them): phone 1");
        assertThat(output.getOut())
                .contains("Dry run of activation 'demo-purchases': would send 4 events to ")
                .contains("demo-would-send.jsonl")
                .doesNotContain("alice.martin@example.com")
                .doesNotContain("203.0.113.10");
        try {
            assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("target/demo-would-send.jsonl")))
                    .contains("\"em\":[\"")
                    .doesNotContain("alice.martin@example.com");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        // a dry run records nothing as delivered: going live later sends every row
        RunSummary second = runWhenFree();
        assertThat(second.delivered()).isEqualTo(4);
        assertThat(second.fieldsDropped())
                .as("the row judged again replaces its warning")
                .isEqualTo(java.util.Map.of("phone", 1L));
    }

    /**
     * Runs the demo activation now; its schedule (every 20 s, and once at start) may hold the run lock at that
     * moment, and a run asked for meanwhile does not start (null): ask again until it does.
     */
    /** A second demo on the folder of a running one says so, and leaves the running one's database alone. */
    @Test
    void aSecondDemoOnTheSameDataFolderRefusesToStartAndTheFirstGoesOn(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path config = dir.resolve("second-demo.yml");
        java.nio.file.Files.writeString(
                config,
                "conversions.demo.data-dir: "
                        + java.nio.file.Path.of("target/demo-db-it").toAbsolutePath()
                        + "\nserver.port: 0\nmanagement.server.port: 0\n");
        java.nio.file.Path log = dir.resolve("second-demo.log");
        Process second = io.pinconv.support.ServiceProcess.startQuickly(dir, config, log, "128m");
        assertThat(second.waitFor(2, java.util.concurrent.TimeUnit.MINUTES))
                .as(io.pinconv.support.ServiceProcess.tail(log))
                .isTrue();
        assertThat(second.exitValue()).isNotZero();
        assertThat(java.nio.file.Files.readString(log))
                .contains("another demo is running on the data folder")
                .contains("--conversions.demo.data-dir=");
        // the first demo's PostgreSQL still answers: a run reads and records through it
        assertThat(runWhenFree().status()).isEqualTo("succeeded");
    }

    private RunSummary runWhenFree() {
        java.util.concurrent.atomic.AtomicReference<RunSummary> run =
                new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> {
                    run.set(runner.runNow("demo-purchases"));
                    return run.get() != null;
                });
        return run.get();
    }
}
