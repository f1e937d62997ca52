package io.pinconv.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL 16 of the tests' own, for a machine that runs none: started once per test JVM (every cached
 * Spring context and every packaged-jar test shares it through {@link TestDatabase#URL}), on a free port,
 * its data in a temporary folder removed when the JVM exits.
 */
final class EmbeddedTestDatabase {

    private static EmbeddedPostgres postgres;

    private EmbeddedTestDatabase() {}

    static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static synchronized String url() {
        if (postgres == null) {
            try {
                long started = System.nanoTime();
                postgres = EmbeddedPostgres.builder().start();
                try (Connection c = postgres.getPostgresDatabase().getConnection();
                        Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE test");
                }
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedTestDatabase::stop, "embedded-postgres-stop"));
                System.out.printf(
                        "Tests: no PostgreSQL on 127.0.0.1:5432 and no TEST_DATABASE_URL: started an embedded"
                                + " PostgreSQL on port %d for this test run in %d ms%n",
                        postgres.getPort(), (System.nanoTime() - started) / 1_000_000);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot start an embedded PostgreSQL for the tests: " + e.getMessage(), e);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "cannot create the test database in the embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
        // without zonky's ?user=: tests append parameters of their own, and pass the user apart
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/test";
    }

    private static void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            // the JVM is exiting; the temporary data folder goes with the process
        }
    }
}
