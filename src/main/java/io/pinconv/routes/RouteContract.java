package io.pinconv.routes;

import io.pinconv.routes.RouteFolder.RouteFile;
import io.pinconv.routes.RouteValidator.RoutesRefused;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The steps of the routes that hold a promise up, and that an edit may therefore not remove. The story of a
 * run lives in the route files, and operators may reorder, retune, log or drop its steps; but a few steps are
 * where the run takes its lock and closes its record, where a chunk is handed on, skips what the ledger holds
 * and releases its place: without one of them a run would wait forever, keep its lock, or send an event twice.
 * The Java behind the other steps copes with their absence (an event prepared but neither delivered, refused
 * nor parked stops the run instead of moving the cursor past it: see Settlement); these it cannot replace.
 *
 * <p>An edit that removes one is refused with the file and line of the route that lost it, and what it was for.
 */
public final class RouteContract {

    /**
     * A step a route must keep.
     *
     * @param kind   the EIP ({@code bean}, {@code to}, {@code split}, {@code doTry})
     * @param target for a bean, {@code ref.method}; for {@code to}, its uri; else null
     * @param why    what breaks without it, in the operator's words
     */
    public record Step(String route, String id, String kind, String target, String why) {

        String shown() {
            return "'" + id + "' (" + kind + (target == null ? "" : " " + target) + ")";
        }
    }

    /** The load-bearing steps of the packaged routes. */
    public static final List<Step> REQUIRED = List.of(
            new Step("activation-trigger", "run", "to", "direct:run-activation",
                    "without it the schedules fire and nothing runs"),
            new Step("run-activation", "run-or-fail", "doTry", null,
                    "without it a failed run is never closed in the run history"),
            new Step("run-activation", "start-run", "bean", "runLifecycle.start",
                    "it takes the activation's run lock and opens the run record: without it two runs could send the same rows"),
            new Step("run-activation", "query-segment", "bean", "runLifecycle.querySegment",
                    "it builds the run's SELECT (window, cursor, ledger): without it a run has nothing to read"),
            new Step("run-activation", "poll-segment", "to", "jdbc:segmentReads",
                    "it reads the segment: without it a run reads nothing"),
            new Step("run-activation", "gate-reading", "bean", "runLifecycle.gateReading",
                    "it cuts the stream into batches read only when there is room: without it rows would go one by one"
                    + " and memory would grow with the segment"),
            new Step("run-activation", "each-batch", "to", "direct:process-batch",
                    "without it the segment's chunks are read and never processed, and the run waits for them"),
            new Step("run-activation", "finish-run", "bean", "runLifecycle.finish",
                    "without it a run that ends well stays 'running' in the run history"),
            new Step("run-activation", "fail-run", "bean", "runLifecycle.fail",
                    "without it a failed run stays 'running' in the run history"),
            new Step("deliver-to-destination", "authorize", "setHeader", null,
                    "it names the request's destination, whose token the HTTP client adds: without it every request goes"
                    + " without the access token, Pinterest answers 401 and the destination is paused"),
            new Step("process-batch", "settle-or-fail-batch", "doTry", null,
                    "without it a failed chunk does not stop the run, and the run waits for it"),
            new Step("process-batch", "skip-delivered", "bean", "skipDelivered.skip",
                    "without it events the ledger already holds (or another chunk is sending) are sent again"),
            new Step("process-batch", "advance-cursor", "bean", "runLifecycle.advanceCursor",
                    "it settles the chunk and frees its place: without it the run waits forever for room to read the next chunk"),
            new Step("process-batch", "batch-failed", "bean", "runLifecycle.chunkFailed",
                    "it frees a failed chunk's place and stops the run: without it the run waits forever"));

    private final List<Step> required;

    public RouteContract() {
        this(REQUIRED);
    }

    RouteContract(List<Step> required) {
        this.required = required;
    }

    /** A route as written: where it is, and its steps by id. */
    private record Written(String file, int line, Map<String, StepNode> steps) { }

    private record StepNode(String kind, MappingNode body, int line) { }

    /** Refuses the files when a route of the contract, or one of its load-bearing steps, is missing or changed. */
    public void check(List<RouteFile> files) throws RoutesRefused {
        Map<String, Written> routes = new HashMap<>();
        for (RouteFile f : files) {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            for (Node document : yaml.composeAll(new StringReader(f.content()))) {
                if (document instanceof SequenceNode seq) {
                    for (Node entry : seq.getValue()) {
                        collectRoute(f.name(), entry, routes);
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (Step s : required) {
            Written route = routes.get(s.route());
            if (route == null) {
                problems.add("routes: no route '" + s.route() + "' is left in any file, and its step " + s.shown()
                        + " holds a promise: " + s.why());
                continue;
            }
            StepNode found = route.steps().get(s.id());
            String where = route.file() + ":" + route.line() + ": route '" + s.route() + "' ";
            if (found == null) {
                problems.add(where + "lost its step " + s.shown() + ", which may not be removed: " + s.why());
            } else if (!found.kind().equals(norm(s.kind())) || (s.target() != null && !targets(s, found))) {
                problems.add(route.file() + ":" + found.line() + ": step '" + s.id() + "' of route '" + s.route()
                        + "' must stay " + s.shown() + ": " + s.why());
            }
        }
        if (!problems.isEmpty()) {
            throw new RoutesRefused(String.join("; ", problems)
                    + ". Put the step back as the packaged route files have it (routes/ in the repository)", null);
        }
    }

    private static void collectRoute(String file, Node entry, Map<String, Written> routes) {
        if (!(entry instanceof MappingNode m)) {
            return;
        }
        for (NodeTuple t : m.getValue()) {
            String kind = norm(key(t));
            if (!kind.equals("route") && !kind.equals("routetemplate") || !(t.getValueNode() instanceof MappingNode body)) {
                continue;
            }
            Node id = child(body, "id");
            if (!(id instanceof ScalarNode sid)) {
                continue;
            }
            Map<String, StepNode> steps = new HashMap<>();
            collectSteps(body, steps);
            routes.putIfAbsent(sid.getValue(), new Written(file, sid.getStartMark().getLine() + 1, steps));
        }
    }

    /** Every mapping {@code kind: {id: ..., ...}} under the route, at any depth. */
    private static void collectSteps(Node node, Map<String, StepNode> steps) {
        if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> collectSteps(n, steps));
        } else if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getValueNode() instanceof MappingNode body && child(body, "id") instanceof ScalarNode id) {
                    steps.putIfAbsent(id.getValue(), new StepNode(norm(key(t)), body, t.getKeyNode().getStartMark().getLine() + 1));
                }
                collectSteps(t.getValueNode(), steps);
            }
        }
    }

    /** An endpoint's options may be tuned (a fetch size, say); its scheme and path may not change. */
    private static boolean targets(Step required, StepNode found) {
        String actual = target(found);
        return actual != null && (actual.equals(required.target())
                || (required.kind().equals("to") && actual.startsWith(required.target() + "?")));
    }

    private static String target(StepNode step) {
        if (step.kind().equals("bean")) {
            return scalar(step.body(), "ref") + "." + scalar(step.body(), "method");
        }
        String uri = scalar(step.body(), "uri");
        return uri == null ? null : uri.strip();
    }

    private static String scalar(MappingNode m, String key) {
        return child(m, key) instanceof ScalarNode s ? s.getValue() : null;
    }

    private static Node child(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (norm(key(t)).equals(norm(key))) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static String key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
    }

    private static String norm(String key) {
        return key.replace("-", "").toLowerCase(Locale.ROOT);
    }
}
