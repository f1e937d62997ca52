package io.pinconv.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.support.ServiceProcess;
import io.pinconv.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service, given a token whose environment variable is not set: it does not start, and says which. */
class UnsetPlaceholdersIT {

    @TempDir
    Path dir;

    Process service;

    @AfterEach
    void tearDown() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnsetTokenOrPasswordStopsTheStartWithALineNamingTheSettingAndTheVariable() throws Exception {
        Path config = dir.resolve("conversions.yml");
        Files.writeString(config, """
                spring.datasource: {url: "%s", username: "%s", password: "${DB_PASSWORD_NOT_SET_IN_THIS_TEST}"}
                conversions:
                  destinations:
                    pin:
                      ad-account-id: "549755885175"
                      access-token: ${PINTEREST_TOKEN_NOT_SET_IN_THIS_TEST}
                """.formatted(TestDatabase.URL, TestDatabase.USER));
        Path log = dir.resolve("service.log");
        service = ServiceProcess.startQuickly(dir, config, log, "128m");

        assertThat(service.waitFor(2, TimeUnit.MINUTES))
                .as("stopped\n%s", ServiceProcess.tail(log))
                .isTrue();
        assertThat(service.exitValue()).isNotZero();
        assertThat(Files.readString(log))
                .contains(
                        "conversions.destinations.pin.access-token still reads ${PINTEREST_TOKEN_NOT_SET_IN_THIS_TEST}:"
                                + " set the environment variable PINTEREST_TOKEN_NOT_SET_IN_THIS_TEST")
                // said before the database pool could try the text as a password
                .contains("spring.datasource.password still reads ${DB_PASSWORD_NOT_SET_IN_THIS_TEST}")
                .doesNotContain("password authentication failed")
                .doesNotContain("Bearer");
    }
}
