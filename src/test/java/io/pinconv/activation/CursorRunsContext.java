package io.pinconv.activation;

import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service that {@link ReplaysIT} and {@link IncrementalRunsIT} run: purchase activations on a segment with a load
 * time as cursor. Declared once, here, so that Spring starts one context for both classes rather than one each (its
 * cache shares a context only between classes of the same configuration, dynamic properties included).
 *
 * <p>The stand-in and the segment belong to that context, which outlives each class: the classes empty them before
 * each test, and they go when the test JVM does.
 */
@SpringBootTest(properties = "conversions.demo=false")
abstract class CursorRunsContext {

    static final String TOKEN = "pina_CURSOR-runs-3c3c";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = segmentWithLoadTime();
    /** The replays' ad account, whose ledger ReplaysIT reads. */
    static final String replaysAccount = TestDatabase.newAdAccount();

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        String segment = PurchaseActivation.segment(schema);
        TestConfig.destination(p, "pin", replaysAccount, TOKEN, pinterest.baseUrl());
        PurchaseActivation.configure(p, "replayed", "pin", segment);
        p.add("conversions.activations.replayed.cursor", () -> "loaded_at");
        // an ad account of their own: the ledger of the replays never holds back the incremental runs' events
        TestConfig.destination(p, "pin-incremental", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        PurchaseActivation.configure(p, "incremental", "pin-incremental", segment);
        p.add("conversions.activations.incremental.cursor", () -> "loaded_at");
        p.add("conversions.activations.incremental.batch-size", () -> "50");
        TestConfig.activation(
                p, "short-window", "pin-incremental", segment, "lead", TestConfig.NEVER, PurchaseActivation.MAPPING);
        p.add("conversions.activations.short-window.look-back", () -> "P1D");
    }

    private static String segmentWithLoadTime() {
        String schema = TestDatabase.newPurchaseSegment();
        TestDatabase.jdbc()
                .execute("ALTER TABLE " + schema + ".purchase_events ADD COLUMN loaded_at timestamptz DEFAULT now()");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pinterest.stop();
            TestDatabase.dropSchema(schema);
        }));
        return schema;
    }
}
