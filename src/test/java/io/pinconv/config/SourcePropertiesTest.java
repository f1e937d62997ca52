package io.pinconv.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourcePropertiesTest {

    static SourceProperties source(String url) {
        return new SourceProperties(url, "reader", null, null, null, null, null, null);
    }

    @Test
    void unsetValuesTakeTheDefaults() {
        SourceProperties s = source(" jdbc:mariadb://db:3306/shop ");
        assertThat(s.url()).isEqualTo("jdbc:mariadb://db:3306/shop");
        assertThat(s.maxConnections()).isEqualTo(2);
        assertThat(s.fetchSize()).isEqualTo(1000);
        assertThat(s.queryTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.timeZone()).isEqualTo("UTC");
        assertThat(s.properties()).isEmpty();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void eachProblemNamesItsKeyAndWhatWouldDo() {
        assertThat(source(null).problems()).singleElement().asString().startsWith("url is missing");
        assertThat(source("mariadb://db/shop").problems())
                .singleElement()
                .asString()
                .contains("url must be a JDBC URL starting with jdbc:");
        SourceProperties bad = new SourceProperties(
                "jdbc:duckdb:/x.db", null, null, null, 0, 0, Duration.ofMillis(1500), "Mars/Olympus");
        assertThat(bad.problems())
                .hasSize(4)
                .anySatisfy(p -> assertThat(p).startsWith("max-connections must be between 1 and 50"))
                .anySatisfy(p -> assertThat(p).startsWith("fetch-size must be between 1 and 100000"))
                .anySatisfy(p -> assertThat(p)
                        .isEqualTo("query-timeout must be whole seconds, at least 1s (e.g." + " 10m), not 1.5s"))
                .anySatisfy(p -> assertThat(p).startsWith("time-zone 'Mars/Olympus' is not a time zone"));
    }

    @Test
    void whatAUrlOrADriverPropertyMayHideIsNeverPrinted() {
        SourceProperties s = new SourceProperties(
                "jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p;OAuthPvtKey=SECRET-KEY",
                null,
                null,
                Map.of("private_key_file_pwd", "SECRET-PWD"),
                null,
                null,
                null,
                null);
        assertThat(s.toString())
                .doesNotContain("SECRET")
                .contains("jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;...")
                .contains("private_key_file_pwd");
        assertThat(source("jdbc:postgresql://reader:SECRET@db/x?password=SECRET")
                        .safeUrl())
                .isEqualTo("jdbc:postgresql://***@db/x?...");
    }
}
