package io.pinconv.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/** What the startup says about each conversions.security setting this service reads, when it is wrong. */
class SecuritySettingsChecksTest {

    static SecuritySettings settings(
            List<String> serverNames, List<String> allowedOrigins, DataSize maxBody, Integer failedLogins) {
        return new SecuritySettings(Map.of(), allowedOrigins, failedLogins, serverNames, maxBody);
    }

    @Test
    void serverNamesAreHostNamesAloneAndTheLoopbackNamesByDefault() {
        ServerNames defaults = ServerNames.of(settings(null, null, null, null).serverNames());
        assertThat(defaults.contains("localhost")).isTrue();
        assertThat(defaults.contains("127.0.0.1")).isTrue();
        assertThat(defaults.contains("[0:0:0:0:0:0:0:1]"))
                .as("::1 in any spelling")
                .isTrue();
        assertThat(defaults.contains("rebind.example")).isFalse();

        ServerNames configured =
                ServerNames.of(List.of("Conversions.Example.com", "10.0.0.5", "::1", "conversions_web"));
        assertThat(configured.contains("conversions_web")).isTrue();
        assertThat(configured.contains("conversions.example.com")).isTrue();
        assertThat(configured.contains("[::1]")).isTrue();
        assertThat(configured.contains("localhost"))
                .as("the list replaces the default")
                .isFalse();

        assertThatThrownBy(() -> ServerNames.of(List.of(
                        "ok.example.com",
                        "https://ops.example.com",
                        "ops.example.com:8443",
                        "ops.example.com/hawtio",
                        "*.example.com")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "conversions.security.server-names[1] is 'https://ops.example.com': write a host name alone")
                .hasMessageContaining("server-names[2] is 'ops.example.com:8443'")
                .hasMessageContaining("server-names[3] is 'ops.example.com/hawtio'")
                .hasMessageContaining("server-names[4] is '*.example.com'")
                .hasMessageNotContaining("server-names[0]");
        assertThatThrownBy(() -> ServerNames.of(List.of()))
                .hasMessageContaining("conversions.security.server-names is empty");
    }

    @Test
    void allowedOriginsAreOriginsAsBrowsersSendThem() {
        new Origins(settings(null, List.of("https://ops.example.com", "http://localhost:3000/"), null, null));
        assertThatThrownBy(() -> new Origins(
                        settings(null, List.of("ops.example.com", "https://ops.example.com/hawtio"), null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "conversions.security.allowed-origins[0] is 'ops.example.com': write an origin as browsers send it")
                .hasMessageContaining("allowed-origins[1] is 'https://ops.example.com/hawtio'");
    }

    @Test
    void theBodyLimitIsFromOneKilobyteToSixteenMegabytes() {
        assertThat(RequestBodyLimit.checked(settings(null, null, null, null).maxRequestBody()))
                .isEqualTo(DataSize.ofMegabytes(1));
        assertThatThrownBy(() -> RequestBodyLimit.checked(DataSize.ofBytes(10)))
                .hasMessageStartingWith(
                        "conversions.security.max-request-body is 10 bytes: write a size from 1KB to 16MB");
        assertThatThrownBy(() -> RequestBodyLimit.checked(DataSize.ofGigabytes(1)))
                .hasMessageContaining("from 1KB to 16MB");
    }

    @Test
    void failedLoginsIsOneOrMore() {
        assertThatThrownBy(() -> new LoginAttempts(settings(null, null, null, 0), Clock.systemUTC()))
                .hasMessageStartingWith("conversions.security.failed-logins is 0: write how many failed logins");
    }

    @Test
    void forwardedHeadersTakenFromAnyPrivateAddressAreWarnedAbout() {
        assertThat(ForwardedHeadersCheck.warning(new MockEnvironment()))
                .as("no forwarded headers: nothing to say")
                .isNull();
        assertThat(ForwardedHeadersCheck.warning(
                        new MockEnvironment().withProperty("server.forward-headers-strategy", "native")))
                .contains("server.tomcat.remoteip.internal-proxies is left at its default")
                .contains("Set server.tomcat.remoteip.internal-proxies to your reverse proxy's address");
        assertThat(ForwardedHeadersCheck.warning(new MockEnvironment()
                        .withProperty("server.forward-headers-strategy", "native")
                        .withProperty("server.tomcat.remoteip.internal-proxies", "10\\.0\\.0\\.5")))
                .isNull();
        // Kubernetes turns native forwarded headers on by itself
        assertThat(ForwardedHeadersCheck.warning(
                        new MockEnvironment().withProperty("spring.main.cloud-platform", "kubernetes")))
                .contains("internal-proxies is left at its default");
        assertThat(ForwardedHeadersCheck.warning(
                        new MockEnvironment().withProperty("server.forward-headers-strategy", "framework")))
                .contains("reads X-Forwarded-For from every client");
    }
}
