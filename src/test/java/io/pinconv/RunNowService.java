package io.pinconv;

import io.pinconv.activation.ActivationCatalogIT;
import io.pinconv.delivery.DryRunIT;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service that {@link EndToEndIT}, {@link EveryFieldIT}, {@link DryRunIT} and {@link ActivationCatalogIT} run
 * activations of, each on a segment, destinations and a stand-in of its own, none on a schedule (the tests run
 * them). Declared once, here, so that Spring starts one context for the four classes rather than one each (its cache
 * shares a context only between classes of the same configuration, dynamic properties included).
 *
 * <p>Each class's segment and stand-in belong to that context, which outlives the class: they go when the test JVM
 * does. What each class configures is in its own {@code activations} method, next to what it asserts.
 */
@SpringBootTest(
        properties = "conversions.demo=false") // properties come from @DynamicPropertySource, after the demo check
public abstract class RunNowService {

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        EndToEndIT.activations(p);
        EveryFieldIT.activations(p);
        DryRunIT.activations(p);
        ActivationCatalogIT.activations(p);
    }

    /**
     * The schema, dropped with {@code pinterest} stopped (when not null) once the test JVM ends: the shared context,
     * which may be started again after Spring's cache let it go, reads them for as long as the JVM runs.
     */
    public static String segmentOfTheService(String schema, PinterestStandIn pinterest) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (pinterest != null) {
                pinterest.stop();
            }
            TestDatabase.dropSchema(schema);
        }));
        return schema;
    }
}
