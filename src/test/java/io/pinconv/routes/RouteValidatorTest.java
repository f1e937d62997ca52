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

    static final Consumer<CamelContext> TRIGGER = ctx -> TemplatedRouteBuilder.builder(ctx, "activation-trigger")
            .routeId("activation-x").prefixId("x-").parameter("activationId", "x")
            .parameter("trigger", "cron=0+0+0+1+1+?+2099&trigger.misfireInstruction=1").add();

    @BeforeEach
    void setUp() {
        live = new DefaultCamelContext();
        for (Class<?> c : List.of(io.pinconv.delivery.PinterestRequests.class, io.pinconv.delivery.DryRunSink.class,
                io.pinconv.delivery.RequestRefusals.class, io.pinconv.delivery.OutcomeRecorder.class,
                io.pinconv.delivery.DestinationGuard.class, io.pinconv.pinterest.ResponseReader.class,
                io.pinconv.activation.RunLifecycle.class, io.pinconv.activation.ChunkPreparer.class,
                io.pinconv.delivery.DeliveryFailures.class, io.pinconv.pinterest.PinterestHeaderFilter.class)) {
            String name = Character.toLowerCase(c.getSimpleName().charAt(0)) + c.getSimpleName().substring(1);
            live.getRegistry().bind(name, Mockito.mock(c));
        }
        live.getRegistry().bind("chunkWorkers", java.util.concurrent.ExecutorService.class,
                java.util.concurrent.Executors.newCachedThreadPool());
        live.start();
        validator = new RouteValidator(live);
    }

    @AfterEach
    void tearDown() {
        live.stop();
    }

    static List<RouteFile> packaged() throws Exception {
        List<RouteFile> files = new ArrayList<>();
        for (Path p : RouteFolder.yamlFiles(Path.of("routes"))) {
            files.add(new RouteFile(p.getFileName().toString(), "file:/ops/routes/" + p.getFileName(), Files.readString(p)));
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
                .contains("run-activation", "process-chunk", "deliver-chunk", "pinterest-call", "activation-x");
        assertThat(live.getRoutes()).as("nothing reaches the live context").isEmpty();
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndLine() throws Exception {
        List<RouteFile> files = edit("run.yaml", "                  id: map-chunk\n", "                  id: map-chunk\n                ref: [oops\n");
        assertThatThrownBy(() -> validator.validate(files, TRIGGER)).isInstanceOf(RoutesRefused.class)
                .hasMessageStartingWith("run.yaml:");
    }

    @Test
    void aMissingBeanNamesTheStep() throws Exception {
        List<RouteFile> files = edit("run.yaml", "id: map-chunk\n                  ref: chunkPreparer", "id: map-chunk\n                  ref: chunkPreparerGone");
        int line = lineOf("run.yaml", "id: map-chunk") - 1;
        assertThatThrownBy(() -> validator.validate(files, TRIGGER)).isInstanceOf(RoutesRefused.class)
                .hasMessageContaining("run.yaml:" + line)
                .hasMessageContaining("route 'process-chunk', step 'map-chunk'")
                .hasMessageContaining("chunkPreparerGone");
    }

    @Test
    void anUnknownKeyNamesTheLine() throws Exception {
        List<RouteFile> files = edit("run.yaml", "              - bean:\n                  id: note-cursor", "              - beann:\n                  id: note-cursor");
        int line = lineOf("run.yaml", "id: note-cursor") - 1;
        assertThatThrownBy(() -> validator.validate(files, TRIGGER)).isInstanceOf(RoutesRefused.class)
                .hasMessageContaining("run.yaml:" + line);
    }

    @Test
    void aBrokenTemplateIsRefused() throws Exception {
        List<RouteFile> files = edit("activation.yaml", "uri: direct:run-activation", "uri: nosuchscheme:run-activation");
        assertThatThrownBy(() -> validator.validate(files, TRIGGER)).isInstanceOf(RoutesRefused.class)
                .hasMessageContaining("activation.yaml:")
                .hasMessageContaining("nosuchscheme");
    }

    @Test
    void aBadSimpleExpressionIsRefused() throws Exception {
        List<RouteFile> files = edit("run.yaml", "simple: \"${body}\"", "simple: \"${body\"");
        assertThatThrownBy(() -> validator.validate(files, TRIGGER)).isInstanceOf(RoutesRefused.class)
                .hasMessageContaining("run.yaml:");
    }
}
