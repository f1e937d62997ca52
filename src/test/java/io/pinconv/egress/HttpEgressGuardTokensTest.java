package io.pinconv.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DestinationProperties;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.junit.jupiter.api.Test;

/** Which token a request leaves with: the access token or the OAuth token, each to its destination's own host only. */
class HttpEgressGuardTokensTest {

    static final HttpHost PINTEREST = new HttpHost("http", "127.0.0.1", 18080);
    static final HttpHost ELSEWHERE = new HttpHost("http", "127.0.0.1", 18081);

    final HttpEgressGuard guard = new HttpEgressGuard(
            new EgressPolicy(
                    new ConversionsProperties(
                            Map.of(
                                    "pin",
                                    new DestinationProperties(
                                            "123", "http://127.0.0.1:18080", false, null, false, null, null)),
                            null,
                            null),
                    List.of("http://127.0.0.1:18081")),
            AccessTokens.of(Map.of("pin", "pina_access"), Map.of("pin", "pina_oauth")));

    String sent(HttpHost target, Map<String, String> headers) throws Exception {
        return sent("GET", target, "/v5/ad_accounts/123/conversion_eqs?lookback_period=1d", headers);
    }

    String sent(String method, HttpHost target, String path, Map<String, String> headers) throws Exception {
        ClassicHttpRequest request = new BasicClassicHttpRequest(method, target, path);
        headers.forEach(request::setHeader);
        AtomicReference<ClassicHttpRequest> out = new AtomicReference<>();
        ExecChain chain = (r, s) -> {
            out.set(r);
            return null;
        };
        guard.execute(
                request,
                new ExecChain.Scope("1", new HttpRoute(target), request, runtime(), HttpClientContext.create()),
                chain);
        assertThat(out.get().getFirstHeader(HttpEgressGuard.DESTINATION_HEADER)).isNull();
        assertThat(out.get().getFirstHeader(HttpEgressGuard.READ_HEADER)).isNull();
        Header auth = out.get().getFirstHeader("Authorization");
        return auth == null ? null : auth.getValue();
    }

    /** The scope needs a runtime; the guard never uses it. */
    static org.apache.hc.client5.http.classic.ExecRuntime runtime() {
        return (org.apache.hc.client5.http.classic.ExecRuntime) java.lang.reflect.Proxy.newProxyInstance(
                HttpEgressGuardTokensTest.class.getClassLoader(),
                new Class<?>[] {org.apache.hc.client5.http.classic.ExecRuntime.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void eachTokenGoesOnlyWhereItsDestinationIsAndOnlyWhenNamed() throws Exception {
        assertThat(sent(PINTEREST, Map.of(HttpEgressGuard.DESTINATION_HEADER, "pin")))
                .isEqualTo("Bearer pina_access");
        assertThat(sent(PINTEREST, Map.of(HttpEgressGuard.READ_HEADER, "pin"))).isEqualTo("Bearer pina_oauth");
        assertThat(sent(ELSEWHERE, Map.of(HttpEgressGuard.READ_HEADER, "pin"))).isNull();
        assertThat(sent(ELSEWHERE, Map.of(HttpEgressGuard.DESTINATION_HEADER, "pin")))
                .isNull();
        assertThat(sent(PINTEREST, Map.of(HttpEgressGuard.READ_HEADER, "other")))
                .isNull();
        // both named: which token is meant cannot be told, so none
        assertThat(sent(
                        PINTEREST,
                        Map.of(HttpEgressGuard.DESTINATION_HEADER, "pin", HttpEgressGuard.READ_HEADER, "pin")))
                .isNull();
        // an Authorization a route sets never leaves
        assertThat(sent(PINTEREST, Map.of("Authorization", "Bearer forged"))).isNull();
        // the OAuth token reads every ad account its user sees: it goes with the destination's quality read only
        Map<String, String> read = Map.of(HttpEgressGuard.READ_HEADER, "pin");
        assertThat(sent("GET", PINTEREST, "/v5/ad_accounts", read)).isNull();
        assertThat(sent("GET", PINTEREST, "/v5/ad_accounts/999/conversion_eqs", read))
                .isNull();
        assertThat(sent("POST", PINTEREST, "/v5/ad_accounts/123/conversion_eqs", read))
                .isNull();
        assertThat(sent("GET", PINTEREST, "/v5/ad_accounts/123/reports", read)).isNull();
    }

    @Test
    void theTokensAreNotShown() {
        AccessTokens tokens = AccessTokens.of(Map.of("pin", "pina_access"), Map.of("pin", "pina_oauth"));
        assertThat(tokens.toString()).doesNotContain("pina_");
        assertThat(tokens.hasOAuthToken("pin")).isTrue();
        assertThat(tokens.hasOAuthToken("other")).isFalse();
    }
}
