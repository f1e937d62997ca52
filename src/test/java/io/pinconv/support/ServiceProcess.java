package io.pinconv.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinconv.standin.PinterestStandIn;
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
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;

/**
 * The packaged service (target/pinterest-conversions.jar) started in its own process, as a user starts it or, for
 * the tests that start it many times, {@linkplain #startQuickly quickly}; and what a test waits for in it: its start,
 * a condition while it runs, a run that began after a given one and ended.
 */
public final class ServiceProcess {

    /** How long a packaged service may take to start when the two cores of a CI machine are busy. */
    public static final Duration STARTUP = Duration.ofMinutes(2);

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int LOG_TAIL = 4000;

    /**
     * A JVM that starts the service in a fraction of the time, on the two cores of a CI machine: no optimising
     * compiler (whose work a test's short life never pays back) and one collector thread.
     */
    private static final List<String> QUICK_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final File JAR = new File("target/pinterest-conversions.jar").getAbsoluteFile();
    private static final Path QUICK_DIR = Path.of("target", "quick-start").toAbsolutePath();

    /** The jar's classes laid out for class data sharing, made once per test JVM; null until then. */
    private static List<String> quickLaunch;

    private ServiceProcess() {}

    /**
     * As a user starts the jar with JDBC drivers in a folder (docs/sources.md): Spring Boot's PropertiesLauncher, named
     * on the command line, adds the jars of {@code drivers} to the class path.
     */
    public static Process startWithDrivers(Path dir, Path config, Path log, String heap, Path drivers)
            throws IOException {
        return launch(
                List.of(
                        "-Dloader.path=" + drivers,
                        "-cp",
                        JAR.getPath(),
                        "org.springframework.boot.loader.launch.PropertiesLauncher"),
                dir,
                config,
                log,
                heap,
                Map.of());
    }

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
        return launch(List.of("-jar", JAR.getPath()), dir, config, log, heap, environment, appArgs);
    }

    /**
     * As {@link #start(Path, Path, Path, String, String...)}, the same classes started in a fraction of the time: the
     * jar extracted as Spring Boot lays it out for class data sharing, the classes a start loads read from an archive
     * of them, and a JVM tuned to start ({@link #QUICK_JVM}). For the tests that start the service many times, about
     * what it does once started; {@code PackagedJarIT} starts the jar as a user does.
     */
    public static Process startQuickly(Path dir, Path config, Path log, String heap, String... appArgs)
            throws IOException {
        return launch(quickLaunch(), dir, config, log, heap, Map.of(), appArgs);
    }

    private static Process launch(
            List<String> jvmAndJar,
            Path dir,
            Path config,
            Path log,
            String heap,
            Map<String, String> environment,
            String... appArgs)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmAndJar);
        command.addAll(List.of("--spring.config.additional-location=file:" + config, "--server.port=0"));
        command.addAll(List.of(appArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Makes now what {@link #startQuickly} needs (a start of its own, once per test JVM), for a test whose timing
     * begins before its first start.
     */
    public static void prepareQuickly() throws IOException {
        quickLaunch();
    }

    private static synchronized List<String> quickLaunch() throws IOException {
        if (quickLaunch == null) {
            quickLaunch = prepareQuickLaunch();
        }
        return quickLaunch;
    }

    /**
     * Extracts the jar (Spring Boot's tools jar mode), then starts it once up to its refreshed context to archive the
     * classes it loaded. Without the archive (a JVM that cannot make one), the extracted jar starts all the same.
     */
    private static List<String> prepareQuickLaunch() throws IOException {
        org.springframework.util.FileSystemUtils.deleteRecursively(QUICK_DIR);
        Files.createDirectories(QUICK_DIR);
        Path log = QUICK_DIR.resolve("prepare.log");
        Path extracted = QUICK_DIR.resolve("jar");
        if (run(log, java(), "-Djarmode=tools", "-jar", JAR.getPath(), "extract", "--destination", extracted.toString())
                != 0) {
            throw new IOException("the jar could not be extracted\n" + tail(log));
        }
        Path app = extracted.resolve(JAR.getName());
        Path archive = QUICK_DIR.resolve("classes.jsa");

        // the configuration of a test's service, so that the start loads what a test's start loads
        PinterestStandIn pinterest = new PinterestStandIn("pina_QUICK-start");
        String schema = TestDatabase.newPurchaseSegment();
        String activation = "quick-start-" + schema;
        try {
            Path config = QUICK_DIR.resolve("training.yml");
            Files.writeString(config, """
                    spring.quartz.scheduler-name: "it-quick-%s"
                    spring.datasource: {url: "%s", username: "%s", password: "%s"}
                    conversions:
                      destinations:
                        pin: {ad-account-id: "%s", access-token: "pina_QUICK-start", base-url: "%s"}
                      activations:
                        %s:
                          destination: pin
                          segment: %s
                          event-type: checkout
                          schedule: "%s"
                          mapping: %s
                    """.formatted(
                            schema,
                            TestDatabase.URL,
                            TestDatabase.USER,
                            TestDatabase.PASSWORD,
                            TestDatabase.newAdAccount(),
                            pinterest.baseUrl(),
                            activation,
                            PurchaseActivation.segment(schema),
                            TestConfig.NEVER,
                            PurchaseActivation.mappingYaml()));
            List<String> training = new ArrayList<>(List.of(java(), "-Xmx256m"));
            training.addAll(QUICK_JVM);
            training.addAll(List.of(
                    "-XX:ArchiveClassesAtExit=" + archive,
                    "-Dspring.context.exit=onRefresh",
                    "-jar",
                    app.toString(),
                    "--spring.config.additional-location=file:" + config,
                    "--server.port=0"));
            run(log, training.toArray(String[]::new));
        } finally {
            pinterest.stop();
            TestDatabase.dropSchema(schema);
            TestDatabase.forget(activation);
        }
        List<String> launch = new ArrayList<>(QUICK_JVM);
        if (Files.exists(archive)) {
            launch.add("-XX:SharedArchiveFile=" + archive);
        }
        launch.addAll(List.of("-jar", app.toString()));
        return List.copyOf(launch);
    }

    /** Runs a command to its end, its output appended to {@code log}; its exit code. */
    private static int run(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!p.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
