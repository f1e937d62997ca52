package io.pinconv.pinterest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinconv.health.DestinationsHealth;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** At start, in the background, each destination is tested once: health says how it went; a dry run is not tested. */
@SpringBootTest(properties = {"conversions.demo=false", "conversions.connection-test.at-start=true"})
class ConnectionTestAtStartIT {

    static final String TOKEN = "pina_AT-START-token";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String account = TestDatabase.newAdAccount();

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        TestConfig.destination(p, "start-pin", account, TOKEN, pinterest.baseUrl());
        TestConfig.destination(p, "start-wrong", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        TestConfig.destination(p, "start-dry", account, TOKEN, pinterest.baseUrl());
        p.add("conversions.destinations.start-dry.dry-run", () -> "true");
        pinterest.onlyAdAccounts(account);
    }

    @Autowired
    DestinationsHealth health;

    @AfterAll
    static void tearDown() {
        pinterest.stop();
    }

    @Test
    void eachDestinationIsTestedOnceAtStartWithoutADelivery() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> details = health.health().getDetails();
            assertThat(details.get("start-pin").toString()).contains("connection=ok");
            assertThat(details.get("start-wrong").toString())
                    .contains("connection=failed")
                    .contains("is not reachable with this token");
        });
        assertThat(health.health().getDetails().get("start-dry").toString())
                .contains("connection=not tested")
                .contains("dry run: not tested");
        assertThat(pinterest.connectionTests()).isEqualTo(2);
        assertThat(pinterest.requests()).isZero();
        assertThat(pinterest.acceptedIds()).isEmpty();
    }
}
