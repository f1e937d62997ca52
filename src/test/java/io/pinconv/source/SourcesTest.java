package io.pinconv.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import io.pinconv.config.ActivationProperties;
import io.pinconv.config.SourceProperties;
import io.pinconv.segment.Dialect;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourcesTest {

    static SourceProperties source(String url) {
        return new SourceProperties(url, "reader", null, null, null, null, null, null);
    }

    static ActivationProperties activation(String source) {
        return new ActivationProperties(
                "pin", "orders", "checkout", null, null, null, null, null, null, null, null, null, source, null, null);
    }

    @Test
    void aUrlOfAnEngineWithoutADialectIsRefusedNamingTheEngines() {
        assertThatThrownBy(() -> new Sources(Map.of("erp", source("jdbc:oracle:thin:@db:1521/x")), Map.of(), Map.of()))
                .isInstanceOf(MisconfiguredSourceException.class)
                .hasMessageContaining("source 'erp': url names an engine no dialect is written for (jdbc:oracle:)")
                .hasMessageContaining("jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:, jdbc:duckdb:");
    }

    @Test
    void aMissingDriverIsNamedWithTheJarToAdd() {
        // no warehouse driver is bundled: the service says which jar to put in drivers/
        assertThatThrownBy(() -> new Sources(
                        Map.of("warehouse", source("jdbc:snowflake://acct.snowflakecomputing.com/?db=A")),
                        Map.of(),
                        Map.of()))
                .hasMessageContaining("source 'warehouse': the Snowflake driver"
                        + " (net.snowflake.client.jdbc.SnowflakeDriver) is not on the class path: put the jar of"
                        + " net.snowflake:snowflake-jdbc in the drivers/ folder");
        assertThatThrownBy(() -> new Sources(
                        Map.of(
                                "shop",
                                new SourceProperties(
                                        "jdbc:mariadb://db/shop",
                                        null,
                                        "org.example.NoDriver",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        Map.of(),
                        Map.of()))
                .hasMessageContaining("(org.example.NoDriver) is not on the class path")
                .hasMessageContaining("or correct driver-class");
        assertThatThrownBy(() -> new Sources(
                        Map.of(
                                "shop",
                                new SourceProperties(
                                        "jdbc:mariadb://db/shop",
                                        null,
                                        "java.lang.String",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        Map.of(),
                        Map.of()))
                .hasMessageContaining("driver-class java.lang.String is not a JDBC driver");
    }

    @Test
    void aUrlTheDriverRefusesIsToldAsAProblemOfTheSource() {
        assertThatThrownBy(() -> new Sources(
                        Map.of(
                                "shop",
                                new SourceProperties(
                                        "jdbc:mysql://db:3306/shop",
                                        null,
                                        "org.mariadb.jdbc.Driver",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        Map.of(),
                        Map.of()))
                .isInstanceOf(MisconfiguredSourceException.class)
                .hasMessageContaining("source 'shop': its pool cannot be made: Driver org.mariadb.jdbc.Driver claims"
                        + " to not accept jdbcUrl");
    }

    @Test
    void everyProblemOfEverySourceIsToldAtOnce() {
        assertThatThrownBy(() -> new Sources(
                        Map.of(
                                "a",
                                new SourceProperties(null, null, null, null, null, null, null, null),
                                "b",
                                new SourceProperties(
                                        "jdbc:mariadb://db/shop", null, null, null, 0, null, null, "nowhere")),
                        Map.of("purchases", activation("c")),
                        Map.of()))
                .hasMessageContaining("source 'a': url is missing")
                .hasMessageContaining("source 'b': max-connections")
                .hasMessageContaining("source 'b': time-zone 'nowhere'")
                .hasMessageContaining(
                        "activation 'purchases': source 'c' is not under conversions.sources" + " (configured: ");
    }

    @Test
    void anActivationMayNameAConfiguredSource() {
        Sources sources = new Sources(
                Map.of("shop", source("jdbc:mariadb://db/shop")), Map.of("purchases", activation("shop")), Map.of());
        assertThat(sources.ids()).containsExactly("shop");
        sources.destroy();
    }

    @Test
    void aSourceIsBuiltWithoutConnectingAndItsPasswordIsNowhereToSee() {
        // nothing listens on port 1: the pool is made all the same (SourcesIT probes such a source)
        Sources sources = new Sources(
                Map.of("shop", source("jdbc:mariadb://127.0.0.1:1/shop?password=S3CRET-pw")),
                Map.of(),
                Map.of("shop", "S3CRET-pw"));
        try {
            Source shop = sources.get("shop");
            assertThat(shop.dialect().engine()).isEqualTo("MariaDB");
            assertThat(shop.fetchSize()).isEqualTo(1000);
            assertThat(shop.queryTimeoutSeconds()).isEqualTo(600);
            assertThat(shop + " " + sources + " " + shop.pool()).doesNotContain("S3CRET");
            assertThatThrownBy(() -> sources.get("nope")).hasMessageContaining("no source 'nope'");
        } finally {
            sources.destroy();
        }
    }

    @Test
    void thePoolIsReadOnlyInTheSourcesZoneWithTheDialectsPropertiesUnderTheSourcesOwn() {
        SourceProperties p = new SourceProperties(
                "jdbc:mysql://db:3306/shop",
                "reader",
                null,
                Map.of("useCursorFetch", "false", "sslMode", "REQUIRED"),
                3,
                500,
                Duration.ofSeconds(90),
                "Europe/Paris");
        HikariConfig c = Source.poolConfig(
                "shop", p, "pw", Dialect.MYSQL.inZone(ZoneId.of("Europe/Paris")), "com.mysql.cj.jdbc.Driver");
        assertThat(c.getPoolName()).isEqualTo("source-shop");
        assertThat(c.isReadOnly()).isTrue();
        assertThat(c.isAutoCommit()).isFalse();
        assertThat(c.getMaximumPoolSize()).isEqualTo(3);
        assertThat(c.getMinimumIdle()).isZero();
        assertThat(c.getInitializationFailTimeout()).isNegative();
        assertThat(c.getPassword()).as("the login stays with the driver").isNull();
        assertThat(((SessionSetup) c.getDataSource()).statements()).containsExactly("SET time_zone = 'Europe/Paris'");
        assertThat(((SessionSetup) Source.poolConfig(
                                        "shop",
                                        new SourceProperties(
                                                "jdbc:mariadb://db:3306/shop",
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                "Europe/Paris"),
                                        null,
                                        Dialect.MARIADB.inZone(ZoneId.of("Europe/Paris")),
                                        "org.mariadb.jdbc.Driver")
                                .getDataSource())
                        .statements())
                .as("MariaDB's driver sends nothing on setReadOnly")
                .containsExactly("SET time_zone = 'Europe/Paris'", "SET SESSION TRANSACTION READ ONLY");
    }
}
