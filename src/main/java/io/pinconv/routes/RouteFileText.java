package io.pinconv.routes;

import io.pinconv.routes.RouteFolder.RouteFile;
import io.pinconv.routes.RouteValidator.RoutesRefused;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The little that must be checked in a route file's text, before Camel loads it: loading runs part of a file
 * ({@code beans:} at the top are created, with their classes' code), so only routes, route templates and route
 * configurations may be at its top; YAML tags would ask the loader for objects; anchors and aliases repeat a
 * node where a reader and Camel may see it differently. Everything else is checked on what Camel built from
 * the file (RouteModelCheck), before any route is created.
 */
final class RouteFileText {

    private static final Set<String> TOP_LEVEL = Set.of("route", "routetemplate", "routeconfiguration");

    private RouteFileText() {}

    static void check(List<RouteFile> files) throws RoutesRefused {
        for (RouteFile f : files) {
            check(f.name(), f.content());
        }
    }

    /** @param file the file's name, as messages give it ({@code run.yaml}) */
    static void check(String file, String content) throws RoutesRefused {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            for (Event e : yaml.parse(new StringReader(content))) {
                int line = e.getStartMark().getLine() + 1;
                if (e instanceof AliasEvent || (e instanceof NodeEvent n && n.getAnchor() != null)) {
                    throw new RoutesRefused(
                            file + ":" + line + ": YAML "
                                    + (e instanceof AliasEvent ? "aliases (*name)" : "anchors (&name)")
                                    + " are not allowed in route files: write each value out where it is used",
                            null);
                }
                String tag = e instanceof ScalarEvent s
                        ? s.getTag()
                        : e instanceof MappingStartEvent m
                                ? m.getTag()
                                : e instanceof SequenceStartEvent q ? q.getTag() : null;
                if (tag != null && !tag.equals("!")) {
                    throw new RoutesRefused(
                            file + ":" + line + ": the YAML tag '" + tag + "' is not allowed: route files"
                                    + " are plain YAML",
                            null);
                }
            }
            // composing builds nodes only; nothing is constructed
            for (Node document : yaml.composeAll(new StringReader(content))) {
                if (!(document instanceof SequenceNode items)) {
                    throw new RoutesRefused(file + ":" + line(document) + ": " + LIST, null);
                }
                refuseEmptySteps(file, document, "");
                for (Node item : items.getValue()) {
                    if (!(item instanceof MappingNode entries)) {
                        throw new RoutesRefused(file + ":" + line(item) + ": " + LIST, null);
                    }
                    for (NodeTuple t : entries.getValue()) {
                        String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                        if (!TOP_LEVEL.contains(key.replace("-", "").toLowerCase(Locale.ROOT))) {
                            throw new RoutesRefused(
                                    file + ":" + line(t.getKeyNode()) + ": '" + key + "' is not allowed at"
                                            + " the top of a route file: only route, routeTemplate and routeConfiguration are (beans,"
                                            + " rest and the like belong in the service, not in the route files)",
                                    null);
                        }
                    }
                }
            }
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new RoutesRefused(
                    file + ":" + line + ": "
                            + RouteProblems.oneLine(e.getProblem() == null ? e.getMessage() : e.getProblem()),
                    e);
        }
    }

    /**
     * {@code steps: []} on a filter, choice branch, split or any other block does not leave it empty: Camel's YAML
     * DSL puts every step that follows it, in the same list, inside the block. An operator who empties a block
     * to remove its only step would move the steps after it under its condition (a chunk then skips the step
     * that settles it), so an empty block is refused; deleting the whole block does what was meant.
     */
    private static void refuseEmptySteps(String file, Node node, String key) throws RoutesRefused {
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                refuseEmptySteps(file, item, key);
            }
        } else if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                // a route's from may be empty: nothing follows it
                boolean block = name.equals("steps") && !key.equals("from");
                if (block
                        && t.getValueNode() instanceof SequenceNode s
                        && s.getValue().isEmpty()) {
                    throw new RoutesRefused(
                            file + ":" + line(t.getKeyNode()) + ": 'steps: []' does not leave this step"
                                    + " empty: Camel would put every step that follows it inside it, under its condition. Delete the"
                                    + " whole step (with its steps: key), or keep at least one step in it",
                            null);
                }
                refuseEmptySteps(file, t.getValueNode(), name);
            }
        }
    }

    private static int line(Node node) {
        return node == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private static final String LIST = "a route file is a list of route, routeTemplate and routeConfiguration items;"
            + " start each with '- route:', '- routeTemplate:' or '- routeConfiguration:'";
}
