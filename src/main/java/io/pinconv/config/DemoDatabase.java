package io.pinconv.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;

/**
 * The demo's database: a real PostgreSQL 16, started by the service from binaries packaged in the jar, so that
 * the demo runs exactly the production code (advisory locks, ON CONFLICT, arrays, the clustered Quartz
 * store). Its data stay in a folder between starts ({@code conversions.demo.data-dir}, by default
 * {@code ~/.pinterest-conversions/demo-db}), so the demo's history survives a restart;
 * {@code conversions.demo.clean=true} starts from scratch. One per JVM; stopped once Spring has closed.
 */
final class DemoDatabase {

    static final String DATA_DIR = "conversions.demo.data-dir";
    static final String CLEAN = "conversions.demo.clean";

    private static EmbeddedPostgres postgres;
    /** Held while this JVM's demo uses the folder: another demo finds it taken (the OS frees it if the JVM dies). */
    private static FileLock folderLock;

    private DemoDatabase() {}

    /** Starts it (once) and answers its JDBC URL, for user postgres, database postgres. */
    static synchronized String start(Path dataDir, boolean clean) {
        if (postgres == null) {
            try {
                holdFolder(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "the demo's data folder " + dataDir + " cannot be used: " + e.getMessage(), e);
            }
            try {
                if (clean) {
                    delete(dataDir);
                }
                // no running demo holds the folder: a PostgreSQL left on it is a killed demo's
                stopLeftover(dataDir);
                Files.createDirectories(dataDir);
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofSeconds(30))
                        .start();
                // after Spring's contexts have closed: runs still finishing at shutdown need the database
                SpringApplication.getShutdownHandlers().add(DemoDatabase::stop);
            } catch (IOException e) {
                releaseFolder();
                throw new UncheckedIOException(
                        "the demo's embedded PostgreSQL did not start (data in " + dataDir + "): "
                                + e.getMessage() + "; start with --" + CLEAN
                                + "=true to begin from scratch, or configure"
                                + " spring.datasource.url to use your own PostgreSQL",
                        e);
            } catch (IllegalStateException e) {
                releaseFolder();
                throw new IllegalStateException(
                        "the demo's embedded PostgreSQL cannot run here (" + System.getProperty("os.name")
                                + " " + System.getProperty("os.arch") + "): " + e.getMessage()
                                + ". The jar carries PostgreSQL for Linux"
                                + " x86-64 and arm64, macOS (Intel, Apple silicon) and Windows x86-64; elsewhere configure"
                                + " spring.datasource.url to a PostgreSQL of yours",
                        e);
            }
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /**
     * Takes the folder for this demo, or says that another running demo has it: stopping that demo's PostgreSQL, as a
     * leftover's is, would break it.
     */
    private static void holdFolder(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        if (lockFile.getParent() != null) {
            Files.createDirectories(lockFile.getParent());
        }
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another demo is running on the data folder " + dataDir + " (it holds "
                    + lockFile + "): stop it first, or give this one a folder of its own with --" + DATA_DIR
                    + "=/some/other/folder");
        }
        folderLock = lock;
    }

    /** A start that failed lets the folder go: a second start in this JVM would find it taken by itself. */
    private static void releaseFolder() {
        if (folderLock != null) {
            try {
                folderLock.channel().close();
            } catch (IOException e) {
                // closing releases the lock; nothing else to do
            }
            folderLock = null;
        }
    }

    /**
     * A demo killed with its JVM (kill -9) leaves its PostgreSQL running on the folder: that server is
     * stopped, so that this start can use the folder again.
     */
    private static void stopLeftover(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream()
                .findFirst()
                .orElse("")
                .strip();
        try {
            ProcessHandle.of(Long.parseLong(first))
                    .filter(ProcessHandle::isAlive)
                    .filter(p ->
                            p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(p -> {
                        p.destroy();
                        p.onExit()
                                .orTimeout(20, java.util.concurrent.TimeUnit.SECONDS)
                                .join();
                    });
        } catch (NumberFormatException e) {
            // not a pid file PostgreSQL wrote; PostgreSQL itself will say what is wrong
        }
    }

    private static void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            // the JVM is exiting
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
