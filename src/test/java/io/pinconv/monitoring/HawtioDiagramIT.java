package io.pinconv.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What Hawtio's route diagram is drawn from: the routes as the management API dumps them (the XML Hawtio
 * reads over Jolokia). Hawtio's camel plugin links every element of a route to the node before it, starting
 * from the route's from: an element dumped ahead of from (a route's own errorHandler) gets an edge from a node
 * with an empty id, and the diagram of all routes fails with "Cannot read properties of undefined (reading
 * 'weight')" (seen in Chromium against Hawtio 5.2.0). So every route must start with its from, and every
 * route and step have an id of its own.
 */
@org.apache.camel.test.spring.junit5.CamelSpringBootTest
// Hawtio reads the routes over JMX: camel-test turns JMX off unless told (and a context cached before may have it off)
@org.apache.camel.test.spring.junit5.DisableJmx(false)
@SpringBootTest(properties = "conversions.demo=false")
class HawtioDiagramIT {

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        TestConfig.destination(p, "pin", TestDatabase.newAdAccount(), "pina_diagram-token", "http://127.0.0.1:9");
        TestConfig.activation(p, "diagram", "pin", "public.diagram_segment", "lead", TestConfig.NEVER,
                Map.of("event_time", "purchased_at", "action_source", "channel", "event_id", "order_id", "email", "email"));
        TestDatabase.jdbc().execute("CREATE TABLE IF NOT EXISTS public.diagram_segment (order_id text,"
                + " purchased_at timestamptz, channel text, email text)");
    }

    @Autowired
    CamelContext camel;

    @Test
    void everyRouteStartsWithItsFromAndEveryNodeHasAnIdOfItsOwn() throws Exception {
        String xml = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedCamelContext().dumpRoutesAsXml();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        NodeList routes = doc.getElementsByTagName("route");
        assertThat(routes.getLength()).as("the routes, the trigger and the destination's route among them")
                .isGreaterThanOrEqualTo(7);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < routes.getLength(); i++) {
            Element route = (Element) routes.item(i);
            assertThat(firstElement(route)).as("route " + route.getAttribute("id") + " starts with").isEqualTo("from");
            collectIds(route, ids);
        }
        assertThat(ids).as("node ids across all routes").doesNotHaveDuplicates().doesNotContain("");
        assertThat(ids).contains("activation-diagram", "deliver-to-pin", "run-activation", "skip-delivered", "park-events");
    }

    private static String firstElement(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                return child.getTagName();
            }
        }
        return null;
    }

    private static void collectIds(Element e, List<String> ids) {
        if (e.hasAttribute("id")) {
            ids.add(e.getAttribute("id"));
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collectIds(child, ids);
            }
        }
    }
}
