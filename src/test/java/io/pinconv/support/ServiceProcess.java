package io.pinconv.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;

/**
 * The packaged service (target/pinterest-conversions.jar) started as a user starts it, in its own process, and
 * what a test waits for in it: its start, a condition while it runs, a run that began after a given one and ended.
 */
public final class ServiceProcess {

    /** How long a packaged service may take to start when the two cores of a CI machine are busy. */
    public static final Duration STARTUP = Duration.ofMinutes(2);

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int LOG_TAIL = 4000;

    private ServiceProcess() {}

    /**
     * Starts the jar from {@code dir} with an external config file, appending its output to {@code log}.
     *
     * @param heap    the -Xmx of the process, e.g. 128m
     * @param appArgs further application arguments (--key=value)
     */
    public static Process start(Path dir, Path config, Path log, String heap, String... appArgs) throws IOException {
        return start(dir, config, log, heap, Map.of(), appArgs);
    }

    /** As {@link #start(Path, Path, Path, String, String...)}, with these environment variables set for the service. */
    public static Process start(
            Path dir, Path config, Path log, String heap, Map<String, String> environment, String... appArgs)
            throws IOException {
        File jar = new File("target/pinterest-conversions.jar").getAbsoluteFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError",
                "-jar",
                jar.getPath(),
                "--spring.config.additional-location=file:" + config,
                "--server.port=0"));
        command.addAll(List.of(appArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Waits until the service says it has started; fails at once, with the end of its log, if it exits first. */
    public static void awaitStarted(Process service, Path log) {
        awaitWhileRunning(
                service, log, STARTUP, "the service started", () -> read(log).contains("Started Application"));
    }

    /**
     * Waits at most {@code timeout} for {@code condition}. A service that exits meanwhile will never meet it: the wait
     * fails then at once, and on a time-out, with the end of the service's log to tell why.
     */
    public static void awaitWhileRunning(
            Process service, Path log, Duration timeout, String what, Callable<Boolean> condition) {
        withTheLogOnFailure(log, () -> whileRunning(service, log, timeout, what).until(condition));
    }

    /** As {@link #awaitWhileRunning(Process, Path, Duration, String, Callable)}, until {@code assertion} holds: its last failure tells what was missing. */
    public static void awaitAsserted(
            Process service, Path log, Duration timeout, String what, ThrowingRunnable assertion) {
        withTheLogOnFailure(log, () -> whileRunning(service, log, timeout, what).untilAsserted(assertion));
    }

    private static ConditionFactory whileRunning(Process service, Path log, Duration timeout, String what) {
        return await(what)
                .atMost(timeout)
                .pollInterval(POLL)
                .failFast(() -> assertThat(service.isAlive())
                        .as(() -> "the service exited\n" + tail(log))
                        .isTrue());
    }

    private static void withTheLogOnFailure(Path log, Runnable wait) {
        try {
            wait.run();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + tail(log), e);
        }
    }

    /** The id of the activation's latest run, 0 when it has none. */
    public static long latestRun(String activation) {
        return TestDatabase.jdbc()
                .queryForObject(
                        "SELECT coalesce(max(id), 0) FROM conversions.run WHERE activation_id = ?",
                        Long.class,
                        activation);
    }

    /**
     * Waits for a run of the activation that started after run {@code after} to end, and returns its id. Once every
     * event arrived, such a run is the proof that the schedule goes on and sends nothing more: a test waits for it
     * rather than for a while in which nothing should happen.
     */
    public static long awaitLaterRunEnded(Process service, Path log, String activation, long after, Duration timeout) {
        awaitWhileRunning(
                service,
                log,
                timeout,
                "a run of " + activation + " after run " + after + " ended",
                () -> laterRunEnded(activation, after) != null);
        return laterRunEnded(activation, after);
    }

    private static Long laterRunEnded(String activation, long after) {
        return TestDatabase.jdbc().queryForList("""
                SELECT id FROM conversions.run WHERE activation_id = ? AND id > ? AND finished_at IS NOT NULL
                ORDER BY id LIMIT 1""", Long.class, activation, after).stream()
                .findFirst()
                .orElse(null);
    }

    /** The service's log so far (empty before it wrote any). */
    public static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of the service's log, enough to see why it failed. */
    public static String tail(Path log) {
        String output = read(log);
        return output.substring(Math.max(0, output.length() - LOG_TAIL));
    }
}
