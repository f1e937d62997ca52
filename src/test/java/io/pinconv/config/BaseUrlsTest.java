package io.pinconv.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A destination's base-url: https, or http to a stand-in on this machine. */
class BaseUrlsTest {

    @Test
    void httpsIsAcceptedAnywhere() {
        assertThat(BaseUrls.problem("https://api.pinterest.com")).isEmpty();
        assertThat(BaseUrls.problem("https://proxy.example.com:8443/pinterest")).isEmpty();
    }

    @Test
    void plainHttpIsAcceptedOnlyForThisMachine() {
        for (String local : new String[] {
            "http://localhost:8089",
            "http://LOCALHOST",
            "http://pinterest.localhost:9000",
            "http://127.0.0.1:1234",
            "http://127.10.20.30",
            "http://[::1]:8080",
            "http://[0:0:0:0:0:0:0:1]"
        }) {
            assertThat(BaseUrls.problem(local)).as(local).isEmpty();
        }
    }

    @Test
    void plainHttpElsewhereSaysWhyAndWhatToWrite() {
        assertThat(BaseUrls.problem("http://api.pinterest.com"))
                .hasValueSatisfying(m -> assertThat(m)
                        .contains("base-url must use https")
                        .contains("access token")
                        .contains("'http://api.pinterest.com'")
                        .contains("write https://api.pinterest.com")
                        .contains("localhost"));
        // names that only look local: a DNS answer could send them anywhere, so no look-up decides it
        for (String remote : new String[] {
            "http://localhost.example.com",
            "http://127.0.0.1.nip.io",
            "http://128.0.0.1",
            "http://10.0.0.5",
            "http://[::2]",
            "http://mylocalhost"
        }) {
            assertThat(BaseUrls.problem(remote))
                    .as(remote)
                    .hasValueSatisfying(m -> assertThat(m).contains("must use https"));
        }
        assertThat(BaseUrls.problem("http://127.0.0.256"))
                .as("not an address at all")
                .isPresent();
    }

    @Test
    void somethingThatIsNotAnHttpUrlIsRefused() {
        assertThat(BaseUrls.problem("ftp://api.pinterest.com"))
                .hasValueSatisfying(m -> assertThat(m).contains("https URL"));
        assertThat(BaseUrls.problem("api.pinterest.com"))
                .hasValueSatisfying(m -> assertThat(m).contains("https URL"));
        assertThat(BaseUrls.problem("https://bad host"))
                .hasValueSatisfying(m -> assertThat(m).contains("https URL"));
    }
}
