package io.pinconv.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.config.ConversionsProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

/** conversions.sources as Spring binds it from the configuration, the password apart. */
class SourcesBindingTest {

    @Test
    void theSettingsBindToTheRecordAndThePasswordOnlyToSources() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("conversions.sources.shop-db.url", "jdbc:mariadb://db.example:3306/shop")
                .withProperty("conversions.sources.shop-db.username", "reader")
                .withProperty("conversions.sources.shop-db.password", "S3CRET-pw")
                .withProperty("conversions.sources.shop-db.properties.sslMode", "verify-full")
                .withProperty("conversions.sources.shop-db.max-connections", "3")
                .withProperty("conversions.sources.shop-db.query-timeout", "90s")
                .withProperty("conversions.sources.shop-db.time-zone", "Europe/Paris")
                .withProperty("conversions.activations.purchases.source", "shop-db")
                .withProperty("conversions.activations.purchases.segment", "orders_export");
        ConversionsProperties properties =
                Binder.get(env).bind("conversions", ConversionsProperties.class).get();

        var shop = properties.sources().get("shop-db");
        assertThat(shop.url()).isEqualTo("jdbc:mariadb://db.example:3306/shop");
        assertThat(shop.username()).isEqualTo("reader");
        assertThat(shop.properties()).containsEntry("sslMode", "verify-full");
        assertThat(shop.maxConnections()).isEqualTo(3);
        assertThat(shop.fetchSize()).isEqualTo(1000);
        assertThat(shop.queryTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(shop.timeZone()).isEqualTo("Europe/Paris");
        assertThat(properties.activations().get("purchases").source()).isEqualTo("shop-db");
        assertThat(properties.toString()).doesNotContain("S3CRET");

        assertThat(Sources.passwords(properties.sources().keySet(), env)).isEqualTo(Map.of("shop-db", "S3CRET-pw"));
    }
}
