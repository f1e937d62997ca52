package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.io.IOException;
import java.io.StringReader;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * An operator deletes each step of the packaged routes in turn, as an edit of the routes folder would, and
 * reloads: the service either refuses the edit, naming the file and line, or takes it, and then a run of a
 * segment of several chunks ends (succeeded, failed or abandoned) within a minute, lets the next run start,
 * and puts nothing in the ledger that Pinterest did not accept. The packaged routes always reload. At the
 * end, with the packaged routes back, one run settles every row inserted along the way: none was lost to a
 * cursor moved past it or a row skipped in silence.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "conversions.demo=false",
            "spring.security.user.name=ops",
            "spring.security.user.password=s3cret",
            "conversions.routes.wait-for-runs=5s",
            "conversions.delivery.chunks-in-parallel=2"
        })
class StepDeletionIT {

    static final String TOKEN = "pina_deletion-token";
    static final String ACTIVATION = "sd-shop";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = segmentWithCursor();
    static final String ACCOUNT = TestDatabase.newAdAccount();
    static final Path folder = PackagedRoutes.copy("routes-step-deletion-it");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static {
        TestDatabase.forget(ACTIVATION);
        if (TestDatabase.jdbc()
                .queryForObject("SELECT to_regclass('conversions.destination_state') IS NOT NULL", Boolean.class)) {
            // an earlier run of this test may have left its destination paused (a token Pinterest refused)
            TestDatabase.jdbc().update("DELETE FROM conversions.destination_state WHERE destination_id = 'sd-pin'");
        }
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        TestConfig.destination(p, "sd-pin", ACCOUNT, TOKEN, pinterest.baseUrl());
        TestConfig.activation(
                p,
                ACTIVATION,
                "sd-pin",
                schema + ".purchase_events",
                "checkout",
                TestConfig.NEVER,
                Map.of(
                        "event_time",
                        "purchased_at",
                        "action_source",
                        "channel",
                        "event_id",
                        "order_id",
                        "email",
                        "email",
                        "value",
                        "amount",
                        "currency",
                        "currency"));
        p.add("conversions.activations." + ACTIVATION + ".batch-size", () -> "4");
        p.add("conversions.activations." + ACTIVATION + ".cursor", () -> "seq");
        p.add("conversions.routes.folder", folder::toString);
    }

    static String segmentWithCursor() {
        String s = TestDatabase.newPurchaseSegment();
        TestDatabase.jdbc().execute("ALTER TABLE " + s + ".purchase_events ADD COLUMN seq bigserial");
        return s;
    }

    @AfterAll
    static void tearDown() throws IOException {
        pinterest.stop();
        TestDatabase.dropSchema(schema);
        PackagedRoutes.delete(folder);
    }

    /** A step of a packaged file: the lines it spans (1-based, end exclusive) and its id, for messages. */
    record Step(String file, int from, int to, String id) {

        String deletedFrom(String text) {
            List<String> lines = new ArrayList<>(text.lines().toList());
            lines.subList(from - 1, to - 1).clear();
            String before = lines.get(from - 2);
            String after = lines.subList(from - 1, lines.size()).stream()
                    .filter(l -> !l.isBlank())
                    .findFirst()
                    .orElse("");
            if (before.strip().equals("steps:") && indent(after) <= indent(before)) {
                // the only step of its list: an operator keeps the YAML valid with an empty list
                lines.set(from - 2, before + " []");
            }
            return String.join("\n", lines) + "\n";
        }
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    /** Every item of every {@code steps:} list of the packaged route files. */
    static List<Step> packagedSteps() throws IOException {
        List<Step> steps = new ArrayList<>();
        for (Path p : RouteFolder.yamlFiles(Path.of("routes"))) {
            String text = Files.readString(p);
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            for (Node doc : yaml.composeAll(new StringReader(text))) {
                collect(p.getFileName().toString(), text.lines().toList(), doc, false, steps);
            }
        }
        return steps;
    }

    private static void collect(String file, List<String> lines, Node node, boolean inSteps, List<Step> out) {
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (inSteps) {
                    int from = item.getStartMark().getLine() + 1;
                    // the item ends where the next token starts: on a line of its own when only indentation
                    // (or the next item's dash) comes before it
                    int endLine = item.getEndMark().getLine();
                    String before = endLine < lines.size()
                            ? lines.get(endLine)
                                    .substring(
                                            0,
                                            Math.min(
                                                    item.getEndMark().getColumn(),
                                                    lines.get(endLine).length()))
                            : "";
                    int to = before.isBlank() || before.strip().equals("-") ? endLine + 1 : endLine + 2;
                    out.add(new Step(file, from, to, idOf(item)));
                }
                collect(file, lines, item, false, out);
            }
        } else if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
                collect(file, lines, t.getValueNode(), key.equals("steps"), out);
            }
        }
    }

    private static String idOf(Node item) {
        if (item instanceof MappingNode m && !m.getValue().isEmpty()) {
            NodeTuple eip = m.getValue().get(0);
            String kind = ((ScalarNode) eip.getKeyNode()).getValue();
            if (eip.getValueNode() instanceof MappingNode body) {
                for (NodeTuple t : body.getValue()) {
                    if (((ScalarNode) t.getKeyNode()).getValue().equals("id")) {
                        return kind + " '" + ((ScalarNode) t.getValueNode()).getValue() + "'";
                    }
                }
            }
            return kind;
        }
        return "?";
    }

    static HttpResponse<String> post(int port, String path, Duration timeout) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(timeout)
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @LocalServerPort
    int port;

    int orders;
    final Set<String> valid = new HashSet<>();
    final Set<String> tooOld = new HashSet<>();

    /**
     * Twenty rows Pinterest takes and one it would refuse (eight days old): six chunks of four, more than run side
     * by side (two, and one read ahead), so that a failing run has chunks it never started.
     */
    void insertRows() {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        List<PurchaseRow> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "SD-" + (++orders);
            valid.add(id);
            rows.add(PurchaseRow.valid(id, at));
        }
        String old = "SD-" + (++orders);
        tooOld.add(old);
        rows.add(PurchaseRow.valid(old, Instant.now().minus(8, ChronoUnit.DAYS)));
        TestDatabase.insert(schema, rows);
    }

    Set<String> ledger() {
        return new HashSet<>(TestDatabase.jdbc()
                .queryForList(
                        "SELECT event_id FROM conversions.delivered_event WHERE ad_account_id = ?",
                        String.class,
                        ACCOUNT));
    }

    Set<String> rejected() {
        return new HashSet<>(TestDatabase.jdbc()
                .queryForList(
                        "SELECT event_id FROM conversions.rejection WHERE activation_id = ?",
                        String.class,
                        ACTIVATION));
    }

    @Test
    void everyStepDeletedInTurnIsRefusedWithItsFileAndLineOrLetsTheRunEnd() throws Exception {
        List<Step> steps = packagedSteps();
        assertThat(steps).hasSizeGreaterThan(25);
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Step step : steps) {
            String what = step.file() + ":" + step.from() + " " + step.id();
            Path file = folder.resolve(step.file());
            Files.writeString(file, step.deletedFrom(Files.readString(file)));
            HttpResponse<String> reload = post(port, "/api/routes/reload", Duration.ofMinutes(2));
            if (reload.statusCode() == 422) {
                String error = JSON.readTree(reload.body()).get("error").asText();
                assertThat(error)
                        .as(what)
                        .matches("(?s)[\\w-]+\\.yaml:\\d+: .+")
                        .as(what + ": the deletion itself is well-formed YAML")
                        .doesNotContain("expected <block end>");
                refused.add(what);
                PackagedRoutes.restore(folder);
                continue;
            }
            assertThat(reload.statusCode()).as(what + ": " + reload.body()).isEqualTo(200);
            accepted.add(what);

            insertRows();
            HttpResponse<String> run = post(port, "/api/activations/" + ACTIVATION + "/runs", Duration.ofMinutes(1));
            assertThat(run.statusCode())
                    .as(what + ": the run ends and answers; " + run.body())
                    .isEqualTo(200);
            assertThat(JSON.readTree(run.body()).get("status").asText())
                    .as(what)
                    .isIn("succeeded", "failed", "abandoned");
            assertThat(pinterest.acceptedIds())
                    .as(what + ": the ledger holds only what Pinterest accepted")
                    .containsAll(ledger());

            PackagedRoutes.restore(folder);
            HttpResponse<String> back = post(port, "/api/routes/reload", Duration.ofMinutes(2));
            assertThat(back.statusCode())
                    .as(what + ": the packaged routes reload; " + back.body())
                    .isEqualTo(200);
        }
        assertThat(refused).as("the load-bearing steps are refused").isNotEmpty();
        assertThat(accepted).as("other steps may go").isNotEmpty();

        // the packaged routes settle every row the broken ones left: delivered, or held back with its reason
        insertRows();
        HttpResponse<String> last = post(port, "/api/activations/" + ACTIVATION + "/runs", Duration.ofMinutes(1));
        JsonNode summary = JSON.readTree(last.body());
        assertThat(summary.get("status").asText()).as(last.body()).isEqualTo("succeeded");
        assertThat(ledger())
                .as("every valid row delivered once the packaged routes are back")
                .containsAll(valid);
        assertThat(rejected())
                .as("every row too old is held back with its reason")
                .containsAll(tooOld);
        assertThat(pinterest.acceptedIds()).containsAll(ledger());
    }

    /**
     * The edit that once wedged runs, made so that Camel takes it: the steps that settle a chunk moved under
     * has-events' condition. A chunk without events (its one row too old) then ends neither settled nor failed;
     * the run still ends, failed and saying why, the packaged routes reload at once, and the next run settles
     * every row.
     */
    @Test
    void aChunkWhoseSettlingStepsWereMovedUnderAConditionFailsTheRunAndTheNextRunSettlesEveryRow() throws Exception {
        Path run = folder.resolve("run.yaml");
        String settling = """
                              # the chunk is settled: a later run starts past it (and past the chunks read before it)
                              - bean:
                                  id: advance-cursor
                                  ref: batchCursor
                                  method: advanceCursor
                              - bean:
                                  id: report-progress
                                  ref: batchCursor
                                  method: reportProgress
                """;
        String deliver = """
                                    - to:
                                        id: deliver
                                        uri: direct:deliver-batch
                                        variableReceive: answer
                """;
        String text = Files.readString(run);
        assertThat(text).contains(settling, deliver);
        Files.writeString(run, text.replace(settling, "").replace(deliver, deliver + settling.indent(6)));
        HttpResponse<String> reload = post(port, "/api/routes/reload", Duration.ofMinutes(2));
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);

        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        List<PurchaseRow> rows = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            rows.add(PurchaseRow.valid("SDC-" + i, at));
            sent.add("SDC-" + i);
        }
        rows.add(PurchaseRow.valid("SDC-old", Instant.now().minus(8, ChronoUnit.DAYS)));
        TestDatabase.insert(schema, rows);

        HttpResponse<String> failed = post(port, "/api/activations/" + ACTIVATION + "/runs", Duration.ofMinutes(1));
        assertThat(failed.statusCode())
                .as("the run ends and answers; " + failed.body())
                .isEqualTo(200);
        JsonNode summary = JSON.readTree(failed.body());
        assertThat(summary.get("status").asText()).isEqualTo("failed");
        assertThat(summary.get("failure").asText()).contains("ended neither settled nor failed", "advance-cursor");

        PackagedRoutes.restore(folder);
        HttpResponse<String> back = post(port, "/api/routes/reload", Duration.ofSeconds(30));
        assertThat(back.statusCode())
                .as("the packaged routes reload at once; " + back.body())
                .isEqualTo(200);
        HttpResponse<String> next = post(port, "/api/activations/" + ACTIVATION + "/runs", Duration.ofMinutes(1));
        assertThat(JSON.readTree(next.body()).get("status").asText())
                .as(next.body())
                .isEqualTo("succeeded");
        assertThat(ledger()).containsAll(sent);
        assertThat(rejected()).contains("SDC-old");
        assertThat(pinterest.acceptedIds()).containsAll(ledger());
    }
}
