package io.pinconv.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.support.ServiceProcess;
import io.pinconv.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service with a source whose driver it does not bundle (DuckDB's): refused at start naming the jar
 * to add, then started with that jar in a drivers/ folder given as the loader path, as docs/sources.md tells.
 */
class DriversFolderIT {

    @TempDir
    Path dir;

    Process service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDriverOutsideTheJarIsNamedWhenMissingAndLoadedFromTheDriversFolder() throws Exception {
        Path config = dir.resolve("sources.yml");
        Files.writeString(config, """
                spring.quartz.scheduler-name: "it-drivers-%s"
                spring.datasource: {url: "%s", username: "%s", password: "%s"}
                conversions:
                  sources:
                    exports:
                      url: "jdbc:duckdb:%s"
                """.formatted(
                        Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36),
                        TestDatabase.URL,
                        TestDatabase.USER,
                        TestDatabase.PASSWORD,
                        dir.resolve("exports.duckdb")));

        Path refused = dir.resolve("refused.log");
        service = ServiceProcess.start(dir, config, refused, "256m");
        assertThat(service.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(service.exitValue()).isNotZero();
        assertThat(ServiceProcess.read(refused))
                .contains("source 'exports': the DuckDB driver (org.duckdb.DuckDBDriver) is not on the class path:"
                        + " put the jar of org.duckdb:duckdb_jdbc in the drivers/ folder");

        Path drivers = Files.createDirectory(dir.resolve("drivers"));
        Path duckdb = Path.of(org.duckdb.DuckDBDriver.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Files.copy(duckdb, drivers.resolve(duckdb.getFileName()));
        Path started = dir.resolve("started.log");
        service = ServiceProcess.startWithDrivers(dir, config, started, "256m", drivers);
        ServiceProcess.awaitStarted(service, started);
    }
}
