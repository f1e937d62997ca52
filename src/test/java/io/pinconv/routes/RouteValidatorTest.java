package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinconv.routes.RouteFolder.RouteFile;
import io.pinconv.routes.RouteValidator.RoutesRefused;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * The packaged routes, checked in a throwaway context against stand-ins of the application's beans, and
 * broken in the ways an edit breaks them: each refusal must name the file and the line.
 */
class RouteValidatorTest {

    DefaultCamelContext live;
    RouteValidator validator;

    static final Consumer<CamelContext> TRIGGER = ctx -> {
        TemplatedRouteBuilder.builder(ctx, "deliver-to-destination")
                .routeId("deliver-to-pin")
                .prefixId("")
                .parameter("destinationId", "pin")
                .parameter("destinationRoute", "deliver-to-pin")
                .parameter("failureRate", "50.0")
                .parameter("slidingWindowSize", "20")
                .parameter("minimumCalls", "10")
                .parameter("waitInOpenSeconds", "30")
                .parameter("halfOpenCalls", "3")
                .add();
        TemplatedRouteBuilder.builder(ctx, "activation-trigger")
                .routeId("activation-x")
                .prefixId("")
                .parameter("activationId", "x")
                .parameter("trigger", "cron=0+0+0+1+1+?+2099&trigger.misfireInstruction=1")
                .add();
    };

    @BeforeEach
    void setUp() {
        live = new DefaultCamelContext();
        for (Class<?> c : ServiceBeans.OWN) {
            live.getRegistry().bind(ServiceBeans.beanName(c), Mockito.mock(c));
        }
        live.getRegistry()
                .bind("segmentReads", new io.pinconv.segment.SegmentReads(Mockito.mock(javax.sql.DataSource.class)));
        live.getRegistry()
                .bind(
                        "chunkWorkers",
                        java.util.concurrent.ExecutorService.class,
                        java.util.concurrent.Executors.newCachedThreadPool());
        live.start();
        live.getRegistry().bind("deliveryRetries", new org.apache.camel.processor.errorhandler.RedeliveryPolicy());
        validator = new RouteValidator(live, ServiceBeans.definitions(), ServiceBeans.egress());
    }

    @AfterEach
    void tearDown() {
        live.stop();
    }

    static List<RouteFile> packaged() throws Exception {
        List<RouteFile> files = new ArrayList<>();
        for (Path p : RouteFolder.yamlFiles(Path.of("routes"))) {
            files.add(new RouteFile(
                    p.getFileName().toString(), "file:/ops/routes/" + p.getFileName(), Files.readString(p)));
        }
        return files;
    }

    static List<RouteFile> edit(String file, String from, String to) throws Exception {
        List<RouteFile> files = new ArrayList<>();
        boolean edited = false;
        for (RouteFile f : packaged()) {
            if (f.name().equals(file)) {
                assertThat(f.content()).contains(from);
                f = new RouteFile(f.name(), f.location(), f.content().replace(from, to));
                edited = true;
            }
            files.add(f);
        }
        assertThat(edited).isTrue();
        return files;
    }

    static int lineOf(String file, String text) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("routes", file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void thePackagedRoutesPass() throws Exception {
        assertThat(validator.validate(packaged(), TRIGGER))
                .contains(
                        "run-activation",
                        "process-batch",
                        "deliver-batch",
                        "deliver-to-pin",
                        "park-events",
                        "activation-x");
        assertThat(live.getRoutes()).as("nothing reaches the live context").isEmpty();
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndLine() throws Exception {
        List<RouteFile> files = edit(
                "run.yaml",
                "                  id: map-batch\n",
                "                  id: map-batch\n                ref: [oops\n");
        assertThatThrownBy(() -> validator.validate(files, TRIGGER))
                .isInstanceOf(RoutesRefused.class)
                .hasMessageStartingWith("run.yaml:");
    }

    @Test
    void aMissingBeanNamesTheStep() throws Exception {
        List<RouteFile> files = edit(
                "run.yaml",
                "id: map-batch\n                  ref: chunkPreparer",
                "id: map-batch\n                  ref: chunkPreparerGone");
        // refused by the check of what Camel built, at the line of the step
        int line = lineOf("run.yaml", "id: map-batch") - 1;
        assertThatThrownBy(() -> validator.validate(files, TRIGGER))
                .isInstanceOf(RoutesRefused.class)
                .hasMessageContaining("run.yaml:" + line)
                .hasMessageContaining("route 'process-batch', step 'map-batch'")
                .hasMessageContaining("chunkPreparerGone");
    }

    @Test
    void anUnknownKeyNamesTheLine() throws Exception {
        List<RouteFile> files = edit(
                "run.yaml",
                "              - bean:\n                  id: note-cursor",
                "              - beann:\n                  id: note-cursor");
        int line = lineOf("run.yaml", "id: note-cursor") - 1;
        assertThatThrownBy(() -> validator.validate(files, TRIGGER))
                .isInstanceOf(RoutesRefused.class)
                .hasMessageContaining("run.yaml:" + line);
    }

    @Test
    void aBrokenTemplateIsRefused() throws Exception {
        List<RouteFile> files =
                edit("activation.yaml", "uri: direct:run-activation", "uri: nosuchscheme:run-activation");
        assertThatThrownBy(() -> validator.validate(files, TRIGGER))
                .isInstanceOf(RoutesRefused.class)
                .hasMessageContaining("activation.yaml:")
                .hasMessageContaining("nosuchscheme");
    }

    @Test
    void aBadSimpleExpressionIsRefused() throws Exception {
        List<RouteFile> files = edit("run.yaml", "simple: \"${body}\"", "simple: \"${body\"");
        assertThatThrownBy(() -> validator.validate(files, TRIGGER))
                .isInstanceOf(RoutesRefused.class)
                .hasMessageContaining("run.yaml:");
    }

    /** A file that sets a system property while Camel loads it, and whose route is broken (so Camel refuses it later). */
    static final String PWNED = "pinconv.test.pwned";

    static final String BEANS_FILE = """
            - beans:
                - name: pwned
                  type: java.lang.System
                  factoryMethod: setProperty
                  constructors:
                    0: "pinconv.test.pwned"
                    1: "yes"
            - route:
                id: broken
                from:
                  uri: direct:broken
                  steps:
                    - bean:
                        ref: noSuchBean
            """;

    static List<RouteFile> withBeansFile() throws Exception {
        List<RouteFile> files = new ArrayList<>(packaged());
        files.add(new RouteFile("zz-beans.yaml", "file:/ops/routes/zz-beans.yaml", BEANS_FILE));
        return files;
    }

    /** Why the text is checked first: without it, loading the file runs its code, refused or not. */
    @Test
    void camelRunsTheBeansOfAFileWhileLoadingIt() throws Exception {
        System.clearProperty(PWNED);
        try (DefaultCamelContext unchecked = new DefaultCamelContext()) {
            try {
                org.apache.camel.support.PluginHelper.getRoutesLoader(unchecked)
                        .loadRoutes(
                                org.apache.camel.support.ResourceHelper.fromString("file:zz-beans.yaml", BEANS_FILE));
            } catch (Exception refusedLater) {
                // the broken route may fail the load; the bean was made before
            }
            assertThat(System.getProperty(PWNED)).isEqualTo("yes");
        } finally {
            System.clearProperty(PWNED);
        }
    }

    @Test
    void aFileWithBeansIsRefusedBeforeAnyOfItRuns() throws Exception {
        System.clearProperty(PWNED);
        assertThatThrownBy(() -> validator.validate(withBeansFile(), TRIGGER))
                .isInstanceOf(RoutesRefused.class)
                .hasMessageStartingWith("zz-beans.yaml:1: 'beans' is not allowed at the top of a route file");
        assertThat(System.getProperty(PWNED)).as("the file's code did not run").isNull();
    }

    @Test
    void aRefusedSchemeNamesTheFileAndLine() throws Exception {
        List<RouteFile> files = edit("run.yaml", "uri: direct:run-activation", "uri: \"file:/tmp/chunks?fileName=x\"");
        assertThatThrownBy(() -> validator.validate(files, TRIGGER))
                .isInstanceOf(RoutesRefused.class)
                .hasMessage("run.yaml:" + lineOf("run.yaml", "uri: direct:run-activation")
                        + ": route 'run-activation': endpoint 'file:/tmp/chunks?...' uses the scheme 'file', which is not allowed: route files may"
                        + " only use direct, quartz, http, https, log and jdbc:segmentReads");
    }

    /** A URI computed at run time escapes the text check: the throwaway context refuses it as the live one does. */
    @Test
    void theCheckContextRefusesOtherSchemesToo() throws Exception {
        List<RouteFile> files = new ArrayList<>(packaged());
        files.add(new RouteFile("zz-timer.yaml", "file:/ops/routes/zz-timer.yaml", """
                - route:
                    id: timed
                    from:
                      uri: "{{conversions.routes.test-source:timer:tick}}"
                      steps:
                        - to: direct:run-activation
                """));
        assertThatThrownBy(() -> validator.validate(files, TRIGGER))
                .isInstanceOf(RoutesRefused.class)
                .hasMessageContaining("zz-timer.yaml:")
                .hasMessageContaining("is not allowed");
    }
}
