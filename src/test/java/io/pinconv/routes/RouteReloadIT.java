package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Ops edit the routes in a folder of their own: a broken edit is refused with its file and line and the
 * running routes go on delivering; a valid one goes live between runs, schedules included; with watching
 * on, saving a file is enough.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "conversions.demo=false",
            "spring.security.user.name=ops",
            "spring.security.user.password=s3cret",
            "conversions.routes.wait-for-runs=2s"
        })
class RouteReloadIT {

    static final String TOKEN = "pina_reload-token";
    static final String ACTIVATION = "rr-shop";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = TestDatabase.newPurchaseSegment();
    // one ad account for both contexts (the nested one watches): its ledger tells what was sent already
    static final String ACCOUNT = TestDatabase.newAdAccount();
    static final Path folder = PackagedRoutes.copy("routes-reload-it");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicInteger orders = new AtomicInteger();

    static {
        // once, not per context: the nested context goes on from the ledger the first one left
        TestDatabase.forget(ACTIVATION);
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        TestConfig.destination(p, "pin", ACCOUNT, TOKEN, pinterest.baseUrl());
        PurchaseActivation.configure(p, ACTIVATION, "pin", PurchaseActivation.segment(schema));
        p.add("conversions.routes.folder", folder::toString);
    }

    @AfterAll
    static void tearDown() throws IOException {
        pinterest.stop();
        TestDatabase.dropSchema(schema);
        PackagedRoutes.delete(folder);
    }

    static void edit(String file, String from, String to) throws IOException {
        Path p = folder.resolve(file);
        String text = Files.readString(p);
        assertThat(text).as(file).contains(from);
        Files.writeString(p, text.replace(from, to));
    }

    static HttpResponse<String> post(int port, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** New rows, a run through the admin API, and the proof that they reached the stand-in. */
    static void aRunStillDelivers(int port) throws Exception {
        String a = "RR-" + orders.incrementAndGet();
        String b = "RR-" + orders.incrementAndGet();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        TestDatabase.insert(schema, List.of(PurchaseRow.valid(a, at), PurchaseRow.valid(b, at)));
        HttpResponse<String> r = post(port, "/api/activations/" + ACTIVATION + "/runs");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode run = JSON.readTree(r.body());
        assertThat(run.get("status").asText()).as(r.body()).isEqualTo("succeeded");
        assertThat(run.get("delivered").asInt()).isEqualTo(2);
        assertThat(pinterest.acceptedIds()).contains(a, b);
    }

    static void scheduleIsStored(CamelContext camel) throws Exception {
        assertThat(camel.getRoute("activation-" + ACTIVATION))
                .as("the trigger route")
                .isNotNull();
        assertThat(camel.getComponent("quartz", QuartzComponent.class)
                        .getScheduler()
                        .getTrigger(TriggerKey.triggerKey(ACTIVATION, "activations")))
                .as("the schedule in the job store")
                .isNotNull();
    }

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @BeforeEach
    void packagedRoutes() throws IOException {
        PackagedRoutes.restore(folder);
    }

    @Test
    void brokenEditsAreRefusedWithTheirFileAndLineAndTheRoutesKeepRunning() throws Exception {
        aRunStillDelivers(port);

        // a YAML syntax error
        edit(
                "run.yaml",
                "                  id: map-batch\n",
                "                  id: map-batch\n                  ref: [chunkPreparer\n");
        HttpResponse<String> syntax = post(port, "/api/routes/reload");
        assertThat(syntax.statusCode()).as(syntax.body()).isEqualTo(422);
        assertThat(JSON.readTree(syntax.body()).get("error").asText()).matches("run\\.yaml:\\d+: .+");
        PackagedRoutes.restore(folder);

        // a bean that does not exist: the file, the line of its step, the route and the step
        edit("delivery.yaml", "ref: outcomeRecorder", "ref: outcomeRecorderGone");
        HttpResponse<String> bean = post(port, "/api/routes/reload");
        assertThat(bean.statusCode()).as(bean.body()).isEqualTo(422);
        assertThat(JSON.readTree(bean.body()).get("error").asText())
                .startsWith("delivery.yaml:" + (PackagedRoutes.lineOf("delivery.yaml", "id: record") - 1) + ": ")
                .contains("route 'deliver-batch', step 'record'")
                .contains("outcomeRecorderGone");
        PackagedRoutes.restore(folder);

        // an EIP that does not exist
        edit(
                "run.yaml",
                "              - bean:\n                  id: note-cursor",
                "              - bean-call:\n                  id: note-cursor");
        HttpResponse<String> eip = post(port, "/api/routes/reload");
        assertThat(eip.statusCode()).as(eip.body()).isEqualTo(422);
        assertThat(JSON.readTree(eip.body()).get("error").asText())
                .startsWith("run.yaml:" + (PackagedRoutes.lineOf("run.yaml", "id: note-cursor") - 1) + ": ")
                .contains("bean-call");
        PackagedRoutes.restore(folder);

        // a file whose code would run while Camel loads it: refused before, so it never ran
        Files.writeString(folder.resolve("zz-beans.yaml"), RouteValidatorTest.BEANS_FILE);
        System.clearProperty(RouteValidatorTest.PWNED);
        try {
            HttpResponse<String> beans = post(port, "/api/routes/reload");
            assertThat(beans.statusCode()).as(beans.body()).isEqualTo(422);
            assertThat(JSON.readTree(beans.body()).get("error").asText())
                    .startsWith("zz-beans.yaml:1: 'beans' is not allowed at the top of a route file");
            assertThat(System.getProperty(RouteValidatorTest.PWNED))
                    .as("the file's code did not run")
                    .isNull();
        } finally {
            Files.delete(folder.resolve("zz-beans.yaml"));
        }

        // an endpoint of a scheme outside the allow-list
        edit("run.yaml", "uri: direct:run-activation", "uri: \"file:/tmp/runs?fileName=x\"");
        HttpResponse<String> scheme = post(port, "/api/routes/reload");
        assertThat(scheme.statusCode()).as(scheme.body()).isEqualTo(422);
        assertThat(JSON.readTree(scheme.body()).get("error").asText())
                .startsWith("run.yaml:" + PackagedRoutes.lineOf("run.yaml", "uri: direct:run-activation")
                        + ": route 'run-activation': ")
                .contains("scheme 'file', which is not allowed");

        // the last broken edit is still in the folder: the routes running are the packaged ones
        assertThat(camel.getRoute("process-batch")).isNotNull();
        assertThat(camel.getProcessor("note-cursor")).isNotNull();
        aRunStillDelivers(port);
        scheduleIsStored(camel);
    }

    @Test
    void aValidEditGoesLiveAndRunsStillDeliver() throws Exception {
        edit(
                "run.yaml",
                "              - bean:\n                  id: map-batch",
                "              - log:\n                  id: log-chunk\n                  message: \"chunk in ${routeId} of run ${variable.run.id}\"\n"
                        + "              - bean:\n                  id: map-batch");
        assertThat(camel.getProcessor("log-chunk")).isNull();

        HttpResponse<String> r = post(port, "/api/routes/reload");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("routes").toString())
                .contains(
                        "run-activation",
                        "process-batch",
                        "deliver-batch",
                        "deliver-to-pin",
                        "park-events",
                        "activation-" + ACTIVATION);
        assertThat(body.get("files").toString()).contains("run.yaml", "activation.yaml");

        assertThat(camel.getProcessor("log-chunk")).as("the new step, live").isNotNull();
        var model = (org.apache.camel.model.ModelCamelContext) camel;
        assertThat(org.apache.camel.model.ProcessorDefinitionHelper.getRoute(model.getProcessorDefinition("log-chunk"))
                        .getRouteId())
                .isEqualTo("process-batch");
        assertThat(model.getProcessorDefinition("map-batch")).isNotNull();
        scheduleIsStored(camel);
        aRunStillDelivers(port);
    }

    /** The guard and the log formatter are in the live context itself, not only in the reload's check. */
    @Test
    void theLiveContextRefusesOtherSchemesAndLogsNoBody() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> camel.getEndpoint("file:/tmp/x"))
                .isInstanceOf(org.apache.camel.ResolveEndpointFailedException.class)
                .hasRootCauseMessage(
                        "the endpoint 'file:///tmp/x' is not allowed: routes may only use the schemes direct,"
                                + " quartz, http, https, log and jdbc:segmentReads");
        assertThat(camel.getRegistry()
                        .lookupByNameAndType("logFormatter", org.apache.camel.spi.ExchangeFormatter.class))
                .isInstanceOf(BodilessLogFormatter.class);
    }

    @Test
    void aRunInProgressIsNotCutShort() throws Exception {
        String id = "RR-" + orders.incrementAndGet();
        TestDatabase.insert(schema, List.of(PurchaseRow.valid(id, Instant.now().minus(1, ChronoUnit.HOURS))));
        pinterest.delayEvery(5000);
        try {
            CompletableFuture<HttpResponse<String>> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(port, "/api/activations/" + ACTIVATION + "/runs");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> camel.getInflightRepository().size() > 0);
            HttpResponse<String> reload = post(port, "/api/routes/reload");
            assertThat(reload.statusCode()).as(reload.body()).isEqualTo(409);
            assertThat(reload.body()).contains("runs in progress");
            assertThat(run.get().statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(run.get().body()).get("status").asText()).isEqualTo("succeeded");
        } finally {
            pinterest.delayEvery(0);
        }
        assertThat(pinterest.acceptedIds()).contains(id);
    }

    /**
     * An edit that builds but cannot start (a second route consuming direct:run-activation passes the
     * check, whose routes never start, and fails live): the previous routes are put back.
     */
    @Test
    void anEditThatFailsLiveIsRolledBack() throws Exception {
        Files.writeString(folder.resolve("zz-copy.yaml"), """
                - route:
                    id: run-activation-copy
                    from:
                      uri: direct:run-activation
                      steps:
                        - log:
                            id: copied-step
                            message: "a copy"
                """);
        try {
            HttpResponse<String> r = post(port, "/api/routes/reload");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
            assertThat(JSON.readTree(r.body()).get("error").asText()).contains("put back");
        } finally {
            Files.delete(folder.resolve("zz-copy.yaml"));
        }
        assertThat(camel.getRoute("run-activation-copy")).isNull();
        assertThat(camel.getProcessor("copied-step")).isNull();
        assertThat(camel.getRoute("run-activation")).isNotNull();
        scheduleIsStored(camel);
        aRunStillDelivers(port);
    }

    @Nested
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    @TestPropertySource(properties = {"conversions.routes.watch=true", "conversions.routes.watch-quiet-period=500ms"})
    class Watching {

        @LocalServerPort
        int watchedPort;

        @Autowired
        CamelContext watchedCamel;

        @Test
        void savingAFileIsEnough(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
            assertThat(watchedCamel.getProcessor("watched-step")).isNull();
            edit(
                    "run.yaml",
                    "              - bean:\n                  id: map-batch",
                    "              - log:\n                  id: watched-step\n                  message: \"a chunk\"\n"
                            + "              - bean:\n                  id: map-batch");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    // the triggers are added last in a reload: once there, the reload is over
                    .until(() -> watchedCamel.getProcessor("watched-step") != null
                            && watchedCamel.getRoute("activation-" + ACTIVATION) != null);
            scheduleIsStored(watchedCamel);
            aRunStillDelivers(watchedPort);

            // a broken save is refused and the routes stay as they were
            edit("run.yaml", "ref: chunkPreparer", "ref: chunkPreparerGone");
            // the watcher saw the save and refused it (its log line names the missing bean), not merely missed it
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> output.getOut().contains("not reloaded")
                            && output.getOut().contains("chunkPreparerGone"));
            assertThat(watchedCamel.getProcessor("watched-step")).isNotNull();
            aRunStillDelivers(watchedPort);
        }
    }
}
