package io.pinconv.support;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The packaged service (target/pinterest-conversions.jar) started as a user starts it, in its own process. */
public final class ServiceProcess {

    private ServiceProcess() { }

    /**
     * Starts the jar from {@code dir} with an external config file, appending its output to {@code log}.
     *
     * @param heap    the -Xmx of the process, e.g. 128m
     * @param appArgs further application arguments (--key=value)
     */
    public static Process start(Path dir, Path config, Path log, String heap, String... appArgs) throws java.io.IOException {
        File jar = new File("target/pinterest-conversions.jar").getAbsoluteFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-jar", jar.getPath(),
                "--spring.config.additional-location=file:" + config, "--server.port=0"));
        command.addAll(List.of(appArgs));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    public static void awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }
}
