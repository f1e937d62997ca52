package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class RouteStartupChecksTest {

    @TempDir
    Path folder;

    RouteStartupChecks checks(GenericApplicationContext spring, DefaultCamelContext camel, String pattern) {
        RouteValidatorTest harness = new RouteValidatorTest();
        harness.setUp();
        return new RouteStartupChecks(
                spring,
                camel,
                harness.validator,
                RouteValidatorTest.TRIGGER,
                new MockEnvironment().withProperty(RouteStartupChecks.INCLUDE_PATTERN, pattern),
                ServiceBeans.egress());
    }

    @Test
    void aRefusedFileInTheFolderStopsTheStartup() throws Exception {
        Files.writeString(folder.resolve("zz-beans.yaml"), RouteValidatorTest.BEANS_FILE);
        try (GenericApplicationContext spring = new GenericApplicationContext();
                DefaultCamelContext camel = new DefaultCamelContext()) {
            RouteStartupChecks checks = checks(spring, camel, RouteFolder.includePattern(folder));
            assertThatThrownBy(() -> checks.onApplicationEvent(new ContextRefreshedEvent(spring)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The routes are refused, the service does not start: zz-beans.yaml:1: 'beans' is not"
                            + " allowed at the top of a route file: only route, routeTemplate and routeConfiguration are"
                            + " (beans, rest and the like belong in the service, not in the route files)");
        }
    }

    @Test
    void thePackagedRoutesPassAndTheGuardIsInstalled() throws Exception {
        try (GenericApplicationContext spring = new GenericApplicationContext();
                DefaultCamelContext camel = new DefaultCamelContext()) {
            RouteStartupChecks checks = checks(spring, camel, "file:routes/*.yaml");
            assertThat(checks.vetFiles("file:routes/*.yaml")).isEqualTo(4);
            checks.onApplicationEvent(new ContextRefreshedEvent(spring));
            assertThatThrownBy(() -> camel.getEndpoint("timer:x"))
                    .hasRootCauseMessage(
                            "the endpoint 'timer://x' is not allowed: routes may only use the schemes direct, quartz, http, https, log and jdbc:segmentReads");
        }
    }
}
