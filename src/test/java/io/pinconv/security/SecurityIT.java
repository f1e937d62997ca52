package io.pinconv.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service tried over HTTP as someone holding a login (or a page that login's browser visits) would:
 * every role is refused the token, the database, files and outbound connections through Jolokia and
 * Hawtio; roles decide who changes what; cross-site requests change nothing; anonymous health is bare.
 */
@org.springframework.boot.test.autoconfigure.actuate.observability
        .AutoConfigureObservability // metrics, as a user has them
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "conversions.demo=false",
            "spring.security.user.name=root",
            "spring.security.user.password=r00t-pass",
            "conversions.security.users.olga.password=op3rator",
            "conversions.security.users.olga.role=operator",
            "conversions.security.failed-logins=3",
            // a name this service is reached by besides the loopback ones (a request can claim any Host)
            "conversions.security.server-names=localhost,127.0.0.1,[::1],conversions.test",
            // behind a reverse proxy, as docs/security.md shows it: 127.0.0.10 plays the proxy, any other address a
            // client
            "server.forward-headers-strategy=native",
            "server.tomcat.remoteip.internal-proxies=127\\\\.0\\\\.0\\\\.10"
        })
@ExtendWith(OutputCaptureExtension.class)
@org.springframework.context.annotation.Import(io.pinconv.support.AdjustableClock.Config.class)
class SecurityIT {

    @org.springframework.beans.factory.annotation.Autowired
    io.pinconv.support.AdjustableClock clock;

    static final String TOKEN = "pina_SECRET-token-" + System.nanoTime();
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = TestDatabase.newPurchaseSegment();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static final String ADMIN = "root:r00t-pass";
    static final String OPERATOR = "olga:op3rator";
    static final String VIEWER = "vic:v1ewer-pass";
    static final List<String> EVERY_ROLE = List.of(VIEWER, OPERATOR, ADMIN);

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestDatabase.forget("sec-shop");
        TestConfig.database(p);
        // the viewer's password is stored hashed, as a user would keep it in a file
        p.add(
                "conversions.security.users.vic.password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder().encode("v1ewer-pass"));
        p.add("conversions.security.users.vic.role", () -> "viewer");
        TestConfig.destination(p, "pin", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        PurchaseActivation.configure(p, "sec-shop", "pin", PurchaseActivation.segment(schema));
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void tearDown() {
        TestDatabase.jdbc().update("DELETE FROM conversions.activation_state WHERE activation_id = 'sec-shop'");
        pinterest.stop();
        TestDatabase.dropSchema(schema);
    }

    HttpResponse<String> call(
            String method, String path, String login, String contentType, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (login != null) {
            b.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> jolokia(String login, String request) throws Exception {
        return call("POST", "/actuator/jolokia", login, "application/json", request, Map.of());
    }

    static String exec(String mbean, String operation, Object... args) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", "exec");
        r.put("mbean", mbean);
        r.put("operation", operation);
        r.put("arguments", List.of(args));
        return JSON.writeValueAsString(r);
    }

    @Test
    void noLoginReadsTheTokenTheDatabaseOrAFileOrWritesOneThroughJolokia(@TempDir Path dir) throws Exception {
        Path secretFile = Files.writeString(dir.resolve("secret.txt"), "file-secret-" + System.nanoTime());
        Path written = dir.resolve("written.txt");
        // each MBean by its real name: Jolokia refuses every exec on a name pattern anyway
        String context = mbean(ADMIN, "org.apache.camel:type=context,*");
        String route = mbean(ADMIN, "org.apache.camel:type=routes,name=\"deliver-batch\",*");
        List<String> attempts = new ArrayList<>(List.of(
                exec(
                        context,
                        "requestBody(java.lang.String,java.lang.Object)",
                        "language:simple:${properties:conversions.destinations.pin.access-token}",
                        "x"),
                exec(context, "requestBody(java.lang.String,java.lang.Object)", "language:simple:${env:PATH}", "x"),
                exec(
                        context,
                        "requestBody(java.lang.String,java.lang.Object)",
                        "language:constant:resource:file:" + secretFile,
                        "x"),
                exec(
                        context,
                        "sendStringBody(java.lang.String,java.lang.String)",
                        "file:" + dir + "?fileName=written.txt",
                        "pwned"),
                exec(
                        context,
                        "requestBody(java.lang.String,java.lang.Object)",
                        "bean:jdbcTemplate?method=queryForList(${body})",
                        "SELECT current_user"),
                exec(context, "createEndpoint(java.lang.String)", "file:" + dir),
                exec(context, "addOrUpdateRoutesFromXml(java.lang.String)", "<routes/>"),
                exec(route, "updateRouteFromXml(java.lang.String)", "<route/>"),
                exec(
                        "org.springframework.boot:type=Admin,name=SpringApplication",
                        "getProperty(java.lang.String)",
                        "conversions.destinations.pin.access-token"),
                exec(
                        "com.sun.management:type=HotSpotDiagnostic",
                        "dumpHeap(java.lang.String,boolean)",
                        dir + "/heap.hprof",
                        true),
                exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties()"),
                exec(
                        "java.util.logging:type=Logging",
                        "setLoggerLevel(java.lang.String,java.lang.String)",
                        "",
                        "FINEST"),
                exec("jdk.management.jfr:type=FlightRecorder", "newRecording()"),
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"InputArguments\"}",
                "{\"type\":\"read\",\"mbean\":\"com.zaxxer.hikari:*\"}",
                "{\"type\":\"write\",\"mbean\":\"" + route.replace("\"", "\\\"")
                        + "\",\"attribute\":\"Tracing\",\"value\":true}",
                "{\"type\":\"read\",\"mbean\":\"" + mbean(ADMIN, "jolokia:type=Config,*") + "\"}"));
        for (String login : EVERY_ROLE) {
            for (String attempt : attempts) {
                HttpResponse<String> r = jolokia(login, attempt);
                // refused, or (the connection pools' MBeans, which this test service does not register) not there
                JsonNode answer = JSON.readTree(r.body());
                assertThat(answer.get("status").asInt())
                        .as(login + " " + attempt)
                        .isIn(403, 404);
                assertThat(answer.has("value")).as(login + " " + attempt).isFalse();
                assertThat(r.body())
                        .as(login + " " + attempt)
                        .doesNotContain(TOKEN)
                        .doesNotContain(Files.readString(secretFile))
                        .doesNotContain("postgres")
                        .doesNotContain("java.home");
            }
            assertThat(written).as("no file written by " + login).doesNotExist();
            assertThat(dir.resolve("heap.hprof")).doesNotExist();
        }

        // a JSR-160 proxy request connects nowhere (Jolokia's proxy is not in the service)
        try (ServerSocket ldap = new ServerSocket(0)) {
            ldap.setSoTimeout(1500);
            jolokia(
                    ADMIN,
                    "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\","
                            + "\"target\":{\"url\":\"service:jmx:rmi:///jndi/ldaps://127.0.0.1:" + ldap.getLocalPort()
                            + "/x\"}}");
            boolean connected;
            try (var ignored = ldap.accept()) {
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertThat(connected)
                    .as("the JVM connected to a host a caller named")
                    .isFalse();
        }
    }

    @Test
    void everyAttributeARoleMayReadHoldsNoSecret() throws Exception {
        System.setProperty("security-it.sentinel", "sentinel-" + TOKEN);
        for (String login : EVERY_ROLE) {
            HttpResponse<String> all =
                    jolokia(login, "{\"type\":\"read\",\"mbean\":\"*:*\",\"config\":{\"ignoreErrors\":true}}");
            assertThat(all.body())
                    .as(login)
                    .contains("ExchangesCompleted")
                    .contains("HeapMemoryUsage")
                    .doesNotContain(TOKEN)
                    .doesNotContain("jdbc:postgresql")
                    .doesNotContain("java.class.path")
                    .doesNotContain("--spring.");
        }
    }

    @Test
    void jolokiaTakesJsonPostsFromItsOwnOriginOnly() throws Exception {
        String version = "{\"type\":\"version\"}";
        assertThat(jolokia(VIEWER, version).body()).contains("\"status\":200");
        // exec from a GET (a link, an <img>): refused by the policy
        HttpResponse<String> get =
                call("GET", "/actuator/jolokia/exec/java.lang:type=Memory/gc", ADMIN, null, null, Map.of());
        assertThat(get.body()).doesNotContain("\"status\":200");
        // a text/plain or form POST is what a page on another site can send without a preflight
        assertThat(call("POST", "/actuator/jolokia", ADMIN, "text/plain", version, Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/actuator/jolokia", ADMIN, "application/x-www-form-urlencoded", version, Map.of())
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> foreign = call(
                "POST",
                "/actuator/jolokia",
                ADMIN,
                "application/json",
                version,
                Map.of("Origin", "https://evil.example"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // Hawtio in the service's own pages keeps working, and posts text/json
        HttpResponse<String> own = call(
                "POST",
                "/actuator/hawtio/jolokia",
                VIEWER,
                "text/json",
                version,
                Map.of("Origin", "http://localhost:" + port));
        assertThat(own.body()).contains("\"status\":200");
    }

    @Test
    void viewersWatchRoutesAndOnlyAdminsStopThem() throws Exception {
        String route = mbean(VIEWER, "org.apache.camel:type=routes,name=\"deliver-batch\",*");
        String read = "{\"type\":\"read\",\"mbean\":\"" + route.replace("\"", "\\\"") + "\",\"attribute\":\"State\"}";
        assertThat(jolokia(VIEWER, read).body()).contains("Started");
        assertThat(jolokia(VIEWER, exec(mbean(VIEWER, "org.apache.camel:type=context,*"), "dumpRoutesAsXml()"))
                        .body())
                .contains("deliver-batch")
                .doesNotContain(TOKEN);
        assertThat(jolokia(
                                VIEWER,
                                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}")
                        .body())
                .contains("\"status\":200");
        for (String login : List.of(VIEWER, OPERATOR)) {
            assertThat(jolokia(login, exec(route, "stop()")).body()).contains("forbidden");
            assertThat(jolokia(login, read).body()).contains("Started");
        }
        assertThat(jolokia(ADMIN, exec(route, "stop()")).body()).contains("\"status\":200");
        assertThat(jolokia(ADMIN, read).body()).contains("Stopped");
        assertThat(jolokia(ADMIN, exec(route, "start()")).body()).contains("\"status\":200");
        assertThat(jolokia(VIEWER, read).body()).contains("Started");
    }

    @Test
    void eachRoleChangesWhatItMayAndARoleTooLowGets403() throws Exception {
        String pause = "/api/activations/sec-shop/pause";
        String resume = "/api/activations/sec-shop/resume";
        assertThat(call("GET", "/api/activations", null, null, null, Map.of()).statusCode())
                .isEqualTo(401);
        assertThat(call("GET", "/api/activations", VIEWER, null, null, Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(call("POST", "/api/activations/sec-shop/preview", VIEWER, null, null, Map.of())
                        .statusCode())
                .isEqualTo(200);
        assertThat(call("GET", "/actuator/prometheus", VIEWER, null, null, Map.of())
                        .statusCode())
                .isEqualTo(200);
        assertThat(call("POST", pause, VIEWER, null, null, Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/activations/sec-shop/runs", VIEWER, null, null, Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/activations/sec-shop/backfill", VIEWER, null, null, Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(state()).isEqualTo("active");

        assertThat(call("POST", pause, OPERATOR, null, null, Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(state()).isEqualTo("paused");
        assertThat(call("POST", resume, OPERATOR, null, null, Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(call("POST", "/api/routes/reload", OPERATOR, null, null, Map.of())
                        .statusCode())
                .isEqualTo(403);
        // the admin may reload (this service has no routes folder, so it says which setting to set)
        HttpResponse<String> reload = call("POST", "/api/routes/reload", ADMIN, null, null, Map.of());
        assertThat(reload.statusCode()).isEqualTo(409);
        assertThat(reload.body()).contains("conversions.routes.folder");
    }

    @Test
    void aCrossSiteFormPostChangesNothingWhileCurlKeepsWorking() throws Exception {
        String pause = "/api/activations/sec-shop/pause";
        HttpResponse<String> form = call(
                "POST",
                pause,
                OPERATOR,
                "application/x-www-form-urlencoded",
                "reason=x",
                Map.of("Origin", "https://evil.example"));
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(call("POST", pause, OPERATOR, "application/json", "{}", Map.of("Origin", "null"))
                        .statusCode())
                .isEqualTo(403);
        // a form without an Origin (an old browser) is refused by its body type
        assertThat(call("POST", pause, OPERATOR, "text/plain", "x", Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(call("POST", pause, OPERATOR, "multipart/form-data; boundary=x", "--x--", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(state()).isEqualTo("active");
        // curl -u ... -X POST, as the README shows
        assertThat(call("POST", pause, OPERATOR, null, null, Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(call(
                                "POST",
                                "/api/activations/sec-shop/resume",
                                OPERATOR,
                                null,
                                null,
                                Map.of("Origin", "http://localhost:" + port))
                        .statusCode())
                .isEqualTo(200);
        assertThat(state()).isEqualTo("active");
    }

    @Test
    void anonymousHealthIsBareAndProbesAreOpen() throws Exception {
        HttpResponse<String> anonymous = call("GET", "/actuator/health", null, null, null, Map.of());
        assertThat(anonymous.body())
                .contains("\"status\"")
                .doesNotContain("sec-shop")
                .doesNotContain("components")
                .doesNotContain("purchase_events")
                .doesNotContain("diskSpace");
        assertThat(call("GET", "/actuator/health/activations", null, null, null, Map.of())
                        .statusCode())
                .isEqualTo(401);
        assertThat(call("GET", "/actuator/health", VIEWER, null, null, Map.of()).body())
                .contains("sec-shop")
                .contains("components");
        HttpResponse<String> liveness = call("GET", "/actuator/health/liveness", null, null, null, Map.of());
        HttpResponse<String> readiness = call("GET", "/actuator/health/readiness", null, null, null, Map.of());
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP").doesNotContain("sec-shop");
    }

    @Test
    void oddPathsGetAShortAnswerAndNoStackTrace(CapturedOutput output) throws Exception {
        int before = output.getAll().length();
        for (String path :
                List.of("/actuator/health/..;/jolokia", "/actuator/health/%2e%2e/jolokia", "/api/activations;x=1")) {
            HttpResponse<String> r = call("GET", path, null, null, null, Map.of());
            assertThat(r.statusCode()).as(path).isEqualTo(400);
        }
        assertThat(output.getAll().substring(before))
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void failedLoginsAreLoggedWithoutThePasswordAndSlowedDown(CapturedOutput output) throws Exception {
        String guess = "guess-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(call("GET", "/api/activations", "mallory\nFORGED:" + guess, null, null, Map.of())
                            .statusCode())
                    .isEqualTo(401);
        }
        // the next attempt waits, even with the right password
        HttpResponse<String> waiting = call("GET", "/api/activations", VIEWER, null, null, Map.of());
        assertThat(waiting.statusCode()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(waiting.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 5L);
        // the name is what the caller typed, its line break removed; the password is never logged
        assertThat(output.getAll())
                .contains("Failed login for 'malloryFORGED' from 127.0.0.1")
                .doesNotContain("\nFORGED")
                .doesNotContain(guess);
        // the wait is kept against the service's clock: moved past it, the right password is let in at once
        clock.advance(java.time.Duration.ofSeconds(retryAfter).minusMillis(500));
        assertThat(call("GET", "/api/activations", VIEWER, null, null, Map.of()).statusCode())
                .as("not yet")
                .isEqualTo(429);
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(call("GET", "/api/activations", VIEWER, null, null, Map.of()).statusCode())
                .isEqualTo(200);
    }

    // ---- logins: counted per name and per address (each test from loopback addresses of its own) ----

    RawHttp.Answer attempt(String from, String login) throws Exception {
        return RawHttp.send(from, port, "GET", "/api/activations", login, Map.of(), null);
    }

    /** Tries as a patient guesser would: when told to wait, moves the service's clock past the wait and tries again. */
    RawHttp.Answer attemptWhenAllowed(String from, String login) throws Exception {
        RawHttp.Answer a = attempt(from, login);
        for (int waits = 0; a.status() == 429 && waits < 3; waits++) {
            clock.advance(java.time.Duration.ofSeconds(a.retryAfter()));
            a = attempt(from, login);
        }
        return a;
    }

    /** Lets a name log in again for the tests after (its right password, once its wait is over, clears its count). */
    void clearFailures(String login) throws Exception {
        clock.advance(java.time.Duration.ofMinutes(5).plusSeconds(1));
        assertThat(attempt("127.0.0.99", login).status())
                .as("after the longest wait, " + login + " logs in")
                .isEqualTo(200);
    }

    @Test
    void aValidLoginBetweenGuessesDoesNotClearTheGuessedNamesFailures(CapturedOutput output) throws Exception {
        try {
            // 30 guesses at the admin's password, with the guesser's own valid viewer login between every three
            for (int guess = 1; guess <= 30; guess++) {
                assertThat(attemptWhenAllowed("127.0.0.2", "root:guess-" + guess)
                                .status())
                        .as("guess " + guess)
                        .isEqualTo(401);
                if (guess % 3 == 0 && guess < 30) {
                    assertThat(attemptWhenAllowed("127.0.0.2", VIEWER).status())
                            .as("viewer after guess " + guess)
                            .isEqualTo(200);
                }
            }
            // the admin's name has 30 failures in a row: even its right password, from an address that never failed,
            // waits
            // the longest wait
            RawHttp.Answer admin = attempt("127.0.0.3", ADMIN);
            assertThat(admin.status()).isEqualTo(429);
            assertThat(admin.retryAfter()).isEqualTo(300);
            assertThat(admin.body()).contains("too many failed logins for this login name");
            assertThat(output.getAll())
                    .contains("Failed login for 'root' from 127.0.0.2 (30 in a row for this name, 30 from this address;"
                            + " the next attempt for this name waits 300 s)");
        } finally {
            clearFailures(ADMIN);
        }
    }

    @Test
    void theThrottleHoldsPerNameAndPerAddress() throws Exception {
        // one address trying a new name each time
        for (int i = 0; i < 3; i++) {
            assertThat(attempt("127.0.0.4", "nobody-" + i + ":x").status()).isEqualTo(401);
        }
        RawHttp.Answer sameAddress = attempt("127.0.0.4", VIEWER);
        assertThat(sameAddress.status()).isEqualTo(429);
        assertThat(sameAddress.body()).contains("too many failed logins from this address");
        assertThat(attempt("127.0.0.5", VIEWER).status())
                .as("another address, another name")
                .isEqualTo(200);

        // one name tried from a new address each time (names are counted as logins are looked up: whatever the case)
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(attempt("127.0.0." + (6 + i), "Olga:guess-" + i).status())
                        .isEqualTo(401);
            }
            RawHttp.Answer sameName = attempt("127.0.0.9", OPERATOR);
            assertThat(sameName.status()).isEqualTo(429);
            assertThat(sameName.body()).contains("too many failed logins for this login name");
            assertThat(attempt("127.0.0.9", VIEWER).status())
                    .as("another name, same address")
                    .isEqualTo(200);
        } finally {
            clearFailures(OPERATOR);
        }
    }

    @Test
    void behindAProxyAForgedForwardedAddressNeitherResetsTheCountNorReachesTheLog(CapturedOutput output)
            throws Exception {
        // a client that is not the proxy names another address on each try: it is counted, and logged, as itself
        for (int i = 0; i < 3; i++) {
            RawHttp.Answer forged = RawHttp.send(
                    "127.0.0.11",
                    port,
                    "GET",
                    "/api/activations",
                    "nobody-fw-" + i + ":x",
                    Map.of("X-Forwarded-For", "198.51.100." + i),
                    null);
            assertThat(forged.status()).isEqualTo(401);
        }
        RawHttp.Answer next = RawHttp.send(
                "127.0.0.11",
                port,
                "GET",
                "/api/activations",
                VIEWER,
                Map.of("X-Forwarded-For", "198.51.100.99"),
                null);
        assertThat(next.status()).isEqualTo(429);
        assertThat(output.getAll())
                .contains(
                        "Failed login for 'nobody-fw-2' from 127.0.0.11 (1 in a row for this name, 3 from this address")
                .doesNotContain("from 198.51.100.");

        // the proxy (server.tomcat.remoteip.internal-proxies) passes its client's address on
        RawHttp.send(
                "127.0.0.10",
                port,
                "GET",
                "/api/activations",
                "nobody-fw-p:x",
                Map.of("X-Forwarded-For", "203.0.113.7"),
                null);
        assertThat(output.getAll()).contains("Failed login for 'nobody-fw-p' from 203.0.113.7 (");
        // text that is no address, even from the proxy, is logged as such and counted as one address
        RawHttp.Answer garbage = RawHttp.send(
                "127.0.0.10",
                port,
                "GET",
                "/api/activations",
                "nobody-fw-q:x",
                Map.of("X-Forwarded-For", "<script>${jndi:ldap://x}</script>"),
                null);
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(output.getAll())
                .contains("Failed login for 'nobody-fw-q' from (not an IP address) (")
                .doesNotContain("jndi");
    }

    // ---- request bodies ----

    @Test
    void bodiesOverOneMegabyteGet413WithAMessageAndAreNotReadIntoMemory(CapturedOutput output) throws Exception {
        String big = "{\"eventIds\":[\"" + "A".repeat(1024 * 1024) + "\"]}";
        for (List<String> target :
                List.of(List.of("/api/activations/sec-shop/replay", OPERATOR), List.of("/actuator/jolokia", VIEWER))) {
            HttpResponse<String> r = call("POST", target.get(0), target.get(1), "application/json", big, Map.of());
            assertThat(r.statusCode()).as(target.get(0)).isEqualTo(413);
            assertThat(JSON.readTree(r.body()).get("error").asText())
                    .as(target.get(0))
                    .contains("larger than 1 MB")
                    .contains("conversions.security.max-request-body");
        }
        // sent in chunks, with no Content-Length: refused once it is past the limit
        HttpResponse<String> chunked = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/activations/sec-shop/replay"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basic(OPERATOR))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);

        // the 250 MB replay an operator once sent, as curl sends it (Expect: 100-continue): refused on its
        // Content-Length,
        // before a byte of it is sent (a 100 Continue would make this call wait for a body that never comes, and time
        // out)
        RawHttp.Answer huge = RawHttp.send(
                "127.0.0.1",
                port,
                "POST",
                "/api/activations/sec-shop/replay",
                OPERATOR,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "Content-Length",
                        Long.toString(250L * 1024 * 1024),
                        "Expect",
                        "100-continue"),
                null);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.body()).contains("larger than 1 MB");
        assertThat(call("GET", "/api/activations", VIEWER, null, null, Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(output.getAll()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void aReplayIdOver256CharactersOrADeeplyNestedBodyIs400NamingWhatIsWrong() throws Exception {
        String replay = "/api/activations/sec-shop/replay";
        HttpResponse<String> longId = call(
                "POST",
                replay,
                OPERATOR,
                "application/json",
                JSON.writeValueAsString(Map.of("eventIds", List.of("A-1", "X".repeat(257)))),
                Map.of());
        assertThat(longId.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(longId.body()).get("error").asText())
                .isEqualTo("eventIds[1] is 257 characters long: an event id is at most 256 characters");
        HttpResponse<String> atTheLimit = call(
                "POST",
                replay,
                OPERATOR,
                "application/json",
                JSON.writeValueAsString(Map.of("eventIds", List.of("X".repeat(256)))),
                Map.of());
        assertThat(atTheLimit.statusCode()).as(atTheLimit.body()).isEqualTo(200);

        HttpResponse<String> deep = call(
                "POST",
                replay,
                OPERATOR,
                "application/json",
                "{\"eventIds\":" + "[".repeat(40) + "]".repeat(40) + "}",
                Map.of());
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(deep.body()).get("error").asText())
                .contains("nesting depth")
                .doesNotContain("StreamReadConstraints");
    }

    // ---- Jolokia: POSTs of JSON only ----

    @Test
    void jolokiaAnswersNoGetAndNoJsonp() throws Exception {
        for (String path : List.of(
                "/actuator/jolokia/version",
                "/actuator/jolokia/version?callback=leak",
                "/actuator/jolokia/config",
                "/actuator/jolokia?callback=leak",
                "/actuator/hawtio/jolokia")) {
            HttpResponse<String> r = call("GET", path, ADMIN, null, null, Map.of());
            // a 403 (not 405) is what Hawtio's agent probe takes for "an agent is there" (Hawtio 5.2.0,
            // tryProbeJolokiaPath)
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).doesNotContain("agent").doesNotContain("leak(");
        }
        HttpResponse<String> jsonp = call(
                "POST",
                "/actuator/jolokia?callback=leak",
                ADMIN,
                "application/json",
                "{\"type\":\"version\"}",
                Map.of());
        assertThat(jsonp.statusCode()).isEqualTo(403);
        assertThat(jsonp.body()).doesNotContain("leak(").doesNotContain("\"agent\"");
        // Hawtio's client (a POST of JSON, from the service's own page) keeps working
        HttpResponse<String> hawtio = call(
                "POST",
                "/actuator/hawtio/jolokia",
                VIEWER,
                "text/json",
                "{\"type\":\"version\"}",
                Map.of("Origin", "http://localhost:" + port));
        assertThat(hawtio.body()).contains("\"status\":200").contains("\"agent\"");
    }

    @Test
    void aPostWithoutContentTypeOrToADoubledSlashGetsAPlain4xxAndNoStackTrace(CapturedOutput output) throws Exception {
        String version = "{\"type\":\"version\"}";
        List<java.util.concurrent.Callable<HttpResponse<String>>> requests = List.of(
                () -> call("POST", "/actuator/jolokia", null, null, version, Map.of()),
                () -> call("POST", "/actuator/jolokia", null, "", version, Map.of()),
                () -> call("POST", "/actuator/jolokia", VIEWER, null, version, Map.of()),
                () -> call("POST", "//actuator/jolokia", null, "application/json", version, Map.of()),
                () -> call("POST", "//actuator/jolokia", ADMIN, "application/json", version, Map.of()),
                () -> call("POST", "/actuator//jolokia", ADMIN, "application/json", version, Map.of()));
        for (int i = 0; i < requests.size(); i++) {
            int before = output.getAll().length();
            HttpResponse<String> r = requests.get(i).call();
            assertThat(r.statusCode()).as("request " + i).isBetween(400, 499);
            assertThat(JSON.readTree(r.body()).get("error").asText())
                    .as("request " + i)
                    .isNotBlank();
            String logged = output.getAll().substring(before);
            assertThat(logged).as("request " + i).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(logged.lines().toList())
                    .as("request " + i)
                    .hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(line -> assertThat(line).hasSizeLessThan(300));
        }
    }

    // ---- origins: the service's own is a configured name, not the request's Host ----

    @Test
    void aPageWhoseNameLeadsHereIsNotTheServicesOwnOriginUnlessItIsAServerName() throws Exception {
        String pause = "/api/activations/sec-shop/pause";
        // DNS rebinding: the browser sends the page's own name as Host and as Origin
        RawHttp.Answer rebound = RawHttp.send(
                "127.0.0.1",
                port,
                "POST",
                pause,
                OPERATOR,
                Map.of("Host", "rebind.example:" + port, "Origin", "http://rebind.example:" + port),
                null);
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.body()).contains("conversions.security.server-names");
        RawHttp.Answer jolokia = RawHttp.send(
                "127.0.0.1",
                port,
                "POST",
                "/actuator/jolokia",
                VIEWER,
                Map.of(
                        "Host",
                        "rebind.example:" + port,
                        "Origin",
                        "http://rebind.example:" + port,
                        "Content-Type",
                        "application/json"),
                "{\"type\":\"version\"}");
        assertThat(jolokia.status()).isEqualTo(403);
        assertThat(jolokia.headers()).doesNotContainKey("access-control-allow-origin");
        assertThat(state()).isEqualTo("active");
        // the port is part of the origin: another service on a listed name is another origin
        assertThat(RawHttp.send(
                                "127.0.0.1",
                                port,
                                "POST",
                                pause,
                                OPERATOR,
                                Map.of("Host", "localhost:" + port, "Origin", "http://localhost:3000"),
                                null)
                        .status())
                .isEqualTo(403);
        assertThat(state()).isEqualTo("active");

        // a name in conversions.security.server-names is the service's own
        Map<String, String> listed =
                Map.of("Host", "conversions.test:" + port, "Origin", "http://conversions.test:" + port);
        assertThat(RawHttp.send("127.0.0.1", port, "POST", pause, OPERATOR, listed, null)
                        .status())
                .isEqualTo(200);
        assertThat(state()).isEqualTo("paused");
        assertThat(RawHttp.send("127.0.0.1", port, "POST", "/api/activations/sec-shop/resume", OPERATOR, listed, null)
                        .status())
                .isEqualTo(200);
        assertThat(state()).isEqualTo("active");
    }

    static String basic(String login) {
        return "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
    }

    /** The first MBean of that pattern, found with a search (open to every role). */
    private String mbean(String login, String pattern) throws Exception {
        JsonNode found =
                JSON.readTree(jolokia(login, "{\"type\":\"search\",\"mbean\":" + JSON.writeValueAsString(pattern) + "}")
                        .body());
        assertThat(found.get("value").size()).as(pattern).isPositive();
        return found.get("value").get(0).asText();
    }

    private String state() throws Exception {
        JsonNode list = JSON.readTree(
                call("GET", "/api/activations", VIEWER, null, null, Map.of()).body());
        for (JsonNode a : list) {
            if (a.get("id").asText().equals("sec-shop")) {
                return a.get("state").asText();
            }
        }
        throw new AssertionError("no activation sec-shop in " + list);
    }
}
