package io.pinconv.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Hawtio's route diagram as its page builds it, read from Hawtio's own Jolokia endpoint with the same two
 * calls: the routes from the context's {@code dumpRoutesAsXml()}, and every few seconds the counters from its
 * {@code dumpRoutesStatsAsXml(true, true)}. The page draws a node for each EIP element of a route, keyed by the
 * element's id, and shows on it the counter of the processor whose id is that id within the same route (the
 * route's own counter on its from). An EIP whose id in the dump is not the one its processor counts under reads
 * 0 for ever: so it was for every step of the template routes while Camel prefixed their ids (with the prefixId
 * given, or its own "route-N" when none is), which it does to the processors' ids and never to the dumped ones.
 *
 * <p>Two activations and two destinations make two routes of each template, as a service with several
 * activations has: their steps' ids must differ, or JMX keeps the first route's processor under a shared name
 * and the second one's counts go nowhere.
 *
 * <p>The page also links every element to the one before it, starting from the route's from: an element dumped
 * ahead of from (a route's own errorHandler) gets an edge from a node with an empty id, and the diagram of all
 * routes fails with "Cannot read properties of undefined (reading 'weight')" (seen in Chromium against Hawtio
 * 5.2.0). So every route must start with its from.
 */
@CamelSpringBootTest
// Hawtio reads the routes over JMX: camel-test turns JMX off unless told (and a context cached before may have it off)
@DisableJmx(false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "conversions.demo=false",
            "conversions.security.users.vic.password=v1ewer-pass",
            "conversions.security.users.vic.role=viewer"
        })
class HawtioDiagramIT {

    static final String VIEWER = "vic:v1ewer-pass";
    static final String TOKEN = "pina_diagram-token-" + System.nanoTime();
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = TestDatabase.newPurchaseSegment();
    static final List<String> ACTIVATIONS = List.of("diagram", "diagram-b");
    static final List<String> TEMPLATE_ROUTES =
            List.of("activation-diagram", "activation-diagram-b", "deliver-to-pin", "deliver-to-pin-b");
    /** A request holding it is refused as a whole (400): its answer is read by read-status, the others by read-events. */
    static final String POISONED = "diagram-2";

    /** How Camel names an EIP it was given no id for (its short name and a counter: when1, doCatch2), and Hawtio too. */
    static final Pattern GENERATED_ID = Pattern.compile("[a-zA-Z]+\\d+");
    /** Settings Hawtio draws as a node of their own, which Camel dumps without an id unless the route gives one. */
    static final Set<String> DRAWN_SETTINGS = Set.of("resilience4jConfiguration", "faultToleranceConfiguration");
    /**
     * Nodes Camel keeps no counter for: a choice's branches (the choice's counter and their steps' tell which was
     * taken), a try's catches and finally, an onException (its steps count), and settings. The page shows them
     * without a count.
     */
    static final Set<String> UNCOUNTED = Set.of(
            "when",
            "otherwise",
            "doCatch",
            "doFinally",
            "onException",
            "resilience4jConfiguration",
            "faultToleranceConfiguration");

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        TestConfig.destination(p, "pin", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        TestConfig.destination(p, "pin-b", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        Map<String, String> mapping = Map.of(
                "event_time", "purchased_at", "action_source", "channel", "event_id", "order_id", "email", "email");
        TestConfig.activation(p, "diagram", "pin", schema + ".purchase_events", "lead", TestConfig.NEVER, mapping);
        TestConfig.activation(p, "diagram-b", "pin-b", schema + ".purchase_events", "lead", TestConfig.NEVER, mapping);
    }

    @BeforeAll
    static void segment() {
        TestDatabase.forget(ACTIVATIONS.toArray(String[]::new));
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        TestDatabase.insert(
                schema,
                List.of(
                        PurchaseRow.valid("diagram-1", at),
                        PurchaseRow.valid(POISONED, at),
                        PurchaseRow.valid("diagram-3", at)));
        pinterest.poisonEvents(Set.of(POISONED));
    }

    @AfterAll
    static void tearDown() {
        TestDatabase.forget(ACTIVATIONS.toArray(String[]::new));
        pinterest.stop();
        TestDatabase.dropSchema(schema);
    }

    @Autowired
    CamelContext camel;

    @LocalServerPort
    int port;

    @Test
    void everyStepCountsUnderTheIdTheDiagramShowsTheTemplateRoutesToo() throws Exception {
        for (String activation : ACTIVATIONS) {
            fireAndAwaitRun(activation);
        }
        String context = contextMBean();
        Document routes = xml(exec(context, "dumpRoutesAsXml()"));
        Document stats = xml(exec(context, "dumpRoutesStatsAsXml", true, true));

        List<String> missing = new ArrayList<>();
        List<String> zero = new ArrayList<>();
        for (Element route : children(routes.getDocumentElement(), "route")) {
            String routeId = route.getAttribute("id");
            Map<String, Element> processors = processorStats(routeStat(stats, routeId));
            for (Element node : diagramNodes(route)) {
                if (node.getTagName().equals("from") || UNCOUNTED.contains(node.getTagName())) {
                    continue;
                }
                String shown = routeId + ": " + node.getTagName() + " '" + node.getAttribute("id") + "'";
                Element stat = processors.get(node.getAttribute("id"));
                if (stat == null) {
                    missing.add(shown);
                } else if (TEMPLATE_ROUTES.contains(routeId) && count(stat) == 0) {
                    zero.add(shown);
                }
            }
        }
        assertThat(missing)
                .as("diagram nodes with no counter of their id in their route: they read 0 for ever")
                .isEmpty();
        assertThat(zero)
                .as("steps of the template routes that read 0 after a run of each activation")
                .isEmpty();
        for (String routeId : TEMPLATE_ROUTES) {
            assertThat(count(routeStat(stats, routeId)))
                    .as("exchanges through route " + routeId + " (its from)")
                    .isPositive();
        }
    }

    @Test
    void everyRouteStartsWithItsFromAndNoDiagramNodeHasAGeneratedId() throws Exception {
        Document routes = xml(exec(contextMBean(), "dumpRoutesAsXml()"));
        List<Element> all = children(routes.getDocumentElement(), "route");
        assertThat(all)
                .as("the routes, the triggers and the destinations' routes among them")
                .hasSizeGreaterThanOrEqualTo(8);
        List<String> ids = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        for (Element route : all) {
            String routeId = route.getAttribute("id");
            assertThat(firstChild(route).getTagName())
                    .as("route " + routeId + " starts with")
                    .isEqualTo("from");
            ids.add(routeId);
            for (Element node : diagramNodes(route)) {
                if (DRAWN_SETTINGS.contains(node.getTagName())) {
                    // Camel dumps them without an id even when the route gives one: Hawtio names them itself
                    continue;
                }
                String id = node.getAttribute("id");
                ids.add(id);
                if (id.isEmpty() || GENERATED_ID.matcher(id).matches()) {
                    generated.add(routeId + ": " + node.getTagName() + " '" + id + "'");
                }
            }
        }
        assertThat(generated).as("diagram nodes with no id of their own").isEmpty();
        assertThat(ids)
                .contains(
                        "activation-diagram",
                        "deliver-to-pin",
                        "deliver-to-pin-b",
                        "diagram-run",
                        "diagram-b-run",
                        "deliver-to-pin-breaker",
                        "run-activation",
                        "skip-delivered",
                        "park-events");
    }

    /** A real firing of the activation's Quartz job, through its trigger route, and the run it starts, to its end. */
    private void fireAndAwaitRun(String activation) throws Exception {
        camel.getComponent("quartz", QuartzComponent.class)
                .getScheduler()
                .triggerJob(JobKey.jobKey(activation, "activations"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TestDatabase.jdbc()
                                .queryForObject(
                                        "SELECT count(*) FROM conversions.run WHERE activation_id = ? AND status <> 'running'",
                                        Integer.class,
                                        activation)
                        > 0);
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT status FROM conversions.run WHERE activation_id = ?", String.class, activation))
                .as("the run of " + activation)
                .isEqualTo("succeeded");
    }

    /**
     * The elements the page draws: every EIP of the route (each has an id in the dump, Camel's or the route's),
     * and the breaker's settings; not the route itself, nor expressions and data formats, which only label their EIP.
     */
    private static List<Element> diagramNodes(Element route) {
        List<Element> nodes = new ArrayList<>();
        collectNodes(route, nodes);
        return nodes;
    }

    private static void collectNodes(Element parent, List<Element> nodes) {
        for (Element child : children(parent, null)) {
            if (child.hasAttribute("id") || DRAWN_SETTINGS.contains(child.getTagName())) {
                nodes.add(child);
            }
            collectNodes(child, nodes);
        }
    }

    /** What the page shows on a node: the exchanges completed and those in flight. */
    private static long count(Element stat) {
        return Long.parseLong(stat.getAttribute("exchangesCompleted"))
                + Long.parseLong(stat.getAttribute("exchangesInflight"));
    }

    private static Element route(Document routes, String id) {
        return children(routes.getDocumentElement(), "route").stream()
                .filter(r -> r.getAttribute("id").equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no route " + id + " in the dump"));
    }

    private static Element routeStat(Document stats, String id) {
        List<Element> found = new ArrayList<>();
        var list = stats.getElementsByTagName("routeStat");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (e.getAttribute("id").equals(id)) {
                found.add(e);
            }
        }
        assertThat(found).as("the counters of route " + id).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Element> processorStats(Element routeStat) {
        Map<String, Element> byId = new HashMap<>();
        var list = routeStat.getElementsByTagName("processorStat");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            byId.put(e.getAttribute("id"), e);
        }
        return byId;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element firstChild(Element parent) {
        return children(parent, null).get(0);
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    /**
     * This service's Camel context's MBean, as the page finds it in the MBean tree (other tests' services, kept by
     * Spring's context cache, may have theirs in the same JVM).
     */
    private String contextMBean() throws Exception {
        JsonNode names = jolokia(Map.of(
                        "type",
                        "search",
                        "mbean",
                        "org.apache.camel:context=" + camel.getManagementName() + ",type=context,*"))
                .get("value");
        assertThat(names).as("this service's Camel context in JMX").hasSize(1);
        return names.get(0).asText();
    }

    private String exec(String mbean, String operation, Object... arguments) throws Exception {
        return jolokia(Map.of("type", "exec", "mbean", mbean, "operation", operation, "arguments", List.of(arguments)))
                .get("value")
                .asText();
    }

    /** A request as Hawtio's page sends it: a JSON POST to Hawtio's Jolokia, from its own origin, as a viewer. */
    private JsonNode jolokia(Map<String, Object> request) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/hawtio/jolokia"))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                        .header("Content-Type", "text/json")
                        .header("Origin", "http://localhost:" + port)
                        .header(
                                "Authorization",
                                "Basic " + Base64.getEncoder().encodeToString(VIEWER.getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("status").asInt())
                .as(request + " answered " + r.body())
                .isEqualTo(200);
        return answer;
    }
}
