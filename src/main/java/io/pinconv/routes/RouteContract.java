package io.pinconv.routes;

import io.pinconv.routes.RouteValidator.RoutesRefused;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.LineNumberAware;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.SetVariableDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.model.language.MethodCallExpression;

/**
 * The steps of the routes that hold a promise up, and that an edit may therefore not remove. The story of a
 * run lives in the route files, and operators may reorder, retune, log or drop its steps; but a few steps are
 * where the run takes its lock and closes its record, where a chunk is handed on, skips what the ledger holds
 * and releases its place: without one of them a run would wait forever, keep its lock, or send an event twice.
 * The Java behind the other steps copes with their absence (an event prepared but neither delivered, refused
 * nor parked stops the run instead of moving the cursor past it: see Settlement); these it cannot replace.
 *
 * <p>Checked on the routes as Camel built them (by id, kind and target); an edit that removes one is refused
 * with the file and line of the route that lost it, and what it was for.
 */
public final class RouteContract {

    /**
     * A step a route must keep.
     *
     * @param kind   the EIP ({@code bean}, {@code setVariable}, {@code to}, {@code split}, {@code doTry})
     * @param target for a bean, or a variable set by a bean's method, {@code ref.method}; for {@code to}, its uri;
     *               for {@code setHeader}, the header; else null
     * @param why    what breaks without it, in the operator's words
     */
    public record Step(String route, String id, String kind, String target, String receiveInto, String why) {

        public Step(String route, String id, String kind, String target, String why) {
            this(route, id, kind, target, null, why);
        }

        String shown() {
            return "'" + id + "' (" + kind + (target == null ? "" : " " + target)
                    + (receiveInto == null ? "" : ", variableReceive: " + receiveInto) + ")";
        }
    }

    /** The load-bearing steps of the packaged routes (a template's ids as its file writes them, parameters unfilled). */
    public static final List<Step> REQUIRED = List.of(
            new Step(
                    "activation-trigger",
                    "{{activationId}}-run",
                    "to",
                    "direct:run-activation",
                    "without it the schedules fire and nothing runs"),
            new Step(
                    "run-activation",
                    "run-or-fail",
                    "doTry",
                    null,
                    "without it a failed run is never closed in the run history"),
            new Step(
                    "run-activation",
                    "start-run",
                    "setVariable",
                    "runLifecycle.start",
                    "it takes the activation's run lock and opens the run record: without it two runs could send the same rows"),
            new Step(
                    "run-activation",
                    "query-segment",
                    "bean",
                    "segmentPoll.querySegment",
                    "it builds the run's SELECT (window, cursor, ledger): without it a run has nothing to read"),
            new Step(
                    "run-activation",
                    "poll-segment",
                    "to",
                    "jdbc:segmentReads",
                    "it reads the segment: without it a run reads nothing"),
            new Step(
                    "run-activation",
                    "gate-reading",
                    "bean",
                    "segmentPoll.gateReading",
                    "it cuts the stream into batches read only when there is room: without it rows would go one by one"
                            + " and memory would grow with the segment"),
            new Step(
                    "run-activation",
                    "each-batch",
                    "to",
                    "direct:process-batch",
                    "without it the segment's chunks are read and never processed, and the run waits for them"),
            new Step(
                    "run-activation",
                    "finish-run",
                    "bean",
                    "runLifecycle.finish",
                    "without it a run that ends well stays 'running' in the run history"),
            new Step(
                    "run-activation",
                    "fail-run",
                    "bean",
                    "runLifecycle.fail",
                    "without it a failed run stays 'running' in the run history"),
            new Step(
                    "deliver-to-destination",
                    "{{destinationRoute}}-authorize",
                    "setHeader",
                    "Conversions-Destination",
                    "it names the request's destination, whose token the HTTP client adds: without it every request goes"
                            + " without the access token, Pinterest answers 401 and the destination is paused"),
            new Step(
                    "process-batch",
                    "settle-or-fail-batch",
                    "doTry",
                    null,
                    "without it a failed chunk does not stop the run, and the run waits for it"),
            new Step(
                    "process-batch",
                    "note-cursor",
                    "bean",
                    "batchCursor.noteCursor",
                    "it opens the chunk's place in the run: without it a chunk that ends unsettled is not seen to, and the"
                            + " cursor has no position to move to"),
            new Step(
                    "process-batch",
                    "skip-delivered",
                    "bean",
                    "skipDelivered.skip",
                    "without it events the ledger already holds (or another chunk is sending) are sent again"),
            new Step(
                    "process-batch",
                    "deliver",
                    "to",
                    "direct:deliver-batch",
                    "answer",
                    "it sends the chunk and keeps Pinterest's answer apart: without variableReceive the answer replaces"
                            + " the chunk, which then cannot be settled, and every run fails"),
            new Step(
                    "process-batch",
                    "advance-cursor",
                    "bean",
                    "batchCursor.advanceCursor",
                    "it settles the chunk and frees its place: without it the run waits forever for room to read the next chunk"),
            new Step(
                    "deliver-batch",
                    "request-body",
                    "bean",
                    "pinterestRequests.body",
                    "it writes the request's events as Pinterest reads them: without it Pinterest would be sent no event and"
                            + " refuse every one"),
            new Step(
                    "deliver-batch",
                    "record",
                    "bean",
                    "outcomeRecorder.record",
                    "it writes to the ledger what Pinterest accepted: without it every run sends the same events again"),
            new Step(
                    "process-batch",
                    "batch-failed",
                    "bean",
                    "batchCursor.chunkFailed",
                    "it frees a failed chunk's place and stops the run: without it the run waits forever"));

    private final List<Step> required;

    public RouteContract() {
        this(REQUIRED);
    }

    RouteContract(List<Step> required) {
        this.required = required;
    }

    /** Refuses the routes Camel built when a route of the contract, or one of its load-bearing steps, is missing or changed. */
    public void check(Model model) throws RoutesRefused {
        Map<String, RouteDefinition> routes = new HashMap<>();
        model.getRouteDefinitions().forEach(r -> routes.putIfAbsent(r.getRouteId(), r));
        model.getRouteTemplateDefinitions().forEach(t -> routes.putIfAbsent(t.getId(), t.getRoute()));
        List<String> problems = new ArrayList<>();
        for (Step s : required) {
            RouteDefinition route = routes.get(s.route());
            if (route == null) {
                problems.add("routes: no route '" + s.route() + "' is left in any file, and its step " + s.shown()
                        + " holds a promise: " + s.why());
                continue;
            }
            Map<String, ProcessorDefinition<?>> steps = new HashMap<>();
            collect(route.getOutputs(), steps);
            ProcessorDefinition<?> found = steps.get(s.id());
            if (found == null) {
                problems.add(at(route) + "route '" + s.route() + "' lost its step " + s.shown()
                        + ", which may not be removed: " + s.why());
            } else if (!found.getShortName().equalsIgnoreCase(s.kind())
                    || (s.target() != null && !targets(s, found))
                    || (s.receiveInto() != null && !receivesInto(s, found))) {
                problems.add(at(found) + "step '" + s.id() + "' of route '" + s.route() + "' must stay " + s.shown()
                        + ": " + s.why());
            }
        }
        if (!problems.isEmpty()) {
            throw new RoutesRefused(
                    String.join("; ", problems)
                            + ". Put the step back as the packaged route files have it (routes/ in the repository)",
                    null);
        }
    }

    private static String at(LineNumberAware node) {
        return node.getLocation() == null
                ? ""
                : RouteProblems.fileName(node.getLocation()) + ":" + node.getLineNumber() + ": ";
    }

    /** Every step with an id, at any depth: inside choices, tries and their catches, splits, breakers. */
    private static void collect(
            List<? extends ProcessorDefinition<?>> outputs, Map<String, ProcessorDefinition<?>> steps) {
        for (ProcessorDefinition<?> p : outputs) {
            if (p.getId() != null) {
                steps.putIfAbsent(p.getId(), p);
            }
            collect(p.getOutputs(), steps);
            if (p instanceof TryDefinition t) {
                collect(t.getCatchClauses(), steps);
                if (t.getFinallyClause() != null) {
                    collect(List.of(t.getFinallyClause()), steps);
                }
            }
        }
    }

    private static boolean receivesInto(Step required, ProcessorDefinition<?> found) {
        return found instanceof ToDefinition to && required.receiveInto().equals(to.getVariableReceive());
    }

    /** An endpoint's options may be tuned (a fetch size, say); its scheme and path may not change. */
    private static boolean targets(Step required, ProcessorDefinition<?> found) {
        String actual;
        if (found instanceof BeanDefinition b) {
            actual = b.getRef() + "." + b.getMethod();
        } else if (found instanceof SetVariableDefinition v) {
            actual = v.getExpression() instanceof MethodCallExpression m ? m.getRef() + "." + m.getMethod() : null;
        } else if (found instanceof SendDefinition<?> to) {
            actual = to.getUri();
        } else {
            actual = found instanceof SetHeaderDefinition h ? h.getName() : null;
        }
        return actual != null
                && (actual.strip().equals(required.target())
                        || (required.kind().equals("to") && actual.strip().startsWith(required.target() + "?")));
    }
}
