package io.pinconv.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DestinationProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EgressPolicyTest {

    static ConversionsProperties destinations(String baseUrl, String webhook) {
        return new ConversionsProperties(
                Map.of("pin", new DestinationProperties("1", baseUrl, false, null, false, webhook, null)), null, null);
    }

    @Test
    void destinationsWebhooksAndListedHostsOnlyWithTheirPort() {
        EgressPolicy p = new EgressPolicy(
                destinations("https://api.pinterest.com", "https://hooks.slack.com/x"),
                List.of("https://proxy.example.com:8443"));
        assertThatCode(() -> p.check(Origin.parse("https://api.pinterest.com:443/v5")))
                .doesNotThrowAnyException();
        assertThatCode(() -> p.check(Origin.parse("https://hooks.slack.com"))).doesNotThrowAnyException();
        assertThatCode(() -> p.check(Origin.parse("https://proxy.example.com:8443")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> p.check(Origin.parse("https://api.pinterest.com:8443")))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessage(
                        "the service does not connect to https://api.pinterest.com:8443: it is no destination's base-url"
                                + " nor alert-webhook, and not in conversions.security.allowed-hosts (add it there to allow it)");
        assertThatThrownBy(() -> p.check(Origin.parse("http://api.pinterest.com")))
                .isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> p.check(Origin.parse("https://evil.example")))
                .isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void theTokenGoesToItsOwnDestinationOriginOnly() {
        EgressPolicy p =
                new EgressPolicy(destinations("https://api.pinterest.com", "https://hooks.slack.com/x"), List.of());
        assertThat(p.isDestination("pin", Origin.parse("https://api.pinterest.com")))
                .isTrue();
        assertThat(p.isDestination("pin", Origin.parse("https://hooks.slack.com")))
                .isFalse();
        assertThat(p.isDestination("other", Origin.parse("https://api.pinterest.com")))
                .isFalse();
        assertThat(p.isDestination(null, Origin.parse("https://api.pinterest.com")))
                .isFalse();
    }

    @Test
    void plainHttpIsForThisMachineAsResolvedAtCallTime() {
        EgressPolicy p = new EgressPolicy(
                destinations("http://localhost:9001", null),
                List.of("http://127.0.0.1:9002", "http://nowhere-pinconv-test.localhost:9003"));
        assertThatCode(() -> p.check(Origin.parse("http://localhost:9001"))).doesNotThrowAnyException();
        assertThatCode(() -> p.check(Origin.parse("http://127.0.0.1:9002"))).doesNotThrowAnyException();
        // a .localhost name is taken only if it resolves to loopback now: this one resolves to nothing here
        try {
            java.net.InetAddress[] a = java.net.InetAddress.getAllByName("nowhere-pinconv-test.localhost");
            org.junit.jupiter.api.Assumptions.assumeTrue(a.length == 0, "this resolver answers for .localhost names");
        } catch (java.net.UnknownHostException expected) {
            assertThatThrownBy(() -> p.check(Origin.parse("http://nowhere-pinconv-test.localhost:9003")))
                    .isInstanceOf(EgressRefusedException.class)
                    .hasMessageContaining("does not resolve");
        }
    }

    @Test
    void listedHostsAreCheckedAtStartWithWhatToWrite() {
        assertThatThrownBy(() -> new EgressPolicy(
                        destinations("https://api.pinterest.com", null),
                        List.of("ftp://x", "http://hooks.example.com")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("conversions.security.allowed-hosts holds 'ftp://x': write an origin such as")
                .hasMessageContaining("holds 'http://hooks.example.com': plain http is allowed on this machine only"
                        + " (localhost, 127.0.0.1, [::1]); write https://hooks.example.com");
    }
}
