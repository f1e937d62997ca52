package io.pinconv.routes;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.LineNumberAware;
import org.apache.camel.NoSuchBeanException;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Turns what Camel throws at a broken route file into one line an operator can act on:
 * {@code run.yaml:62: route 'process-batch', step 'map-batch': No bean could be found in the registry for: x}.
 * Camel's own messages hold the route's text and a stack trace; its model knows the file and line of
 * every step (the YAML DSL records them), so the failing step is looked up there.
 */
public final class RouteProblems {

    private static final int MAX = 400;

    private RouteProblems() {}

    /** @param model the model the routes were being built in, or null when the files did not even parse */
    public static String describe(Throwable e, Model model) {
        MarkedYamlEngineException yaml = find(e, MarkedYamlEngineException.class);
        if (yaml != null && yaml.getProblemMark().isPresent()) {
            Mark mark = yaml.getProblemMark().get();
            String problem = yaml.getProblem() == null ? yaml.getMessage() : yaml.getProblem();
            String context = yaml.getContext() == null ? "" : " (" + oneLine(yaml.getContext()) + ")";
            return fileName(mark.getName()) + ":" + (mark.getLine() + 1) + ": " + oneLine(problem) + context;
        }
        String routeId = null;
        String at = null;
        FailedToCreateRouteException create = find(e, FailedToCreateRouteException.class);
        FailedToStartRouteException start = find(e, FailedToStartRouteException.class);
        if (create != null) {
            routeId = create.getRouteId();
            at = between(create.getMessage(), " at: >>> ", " <<< in route");
        } else if (start != null) {
            routeId = start.getRouteId();
        }
        Throwable cause = rootCause(e);
        String reason = oneLine(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        if (start != null
                && create == null
                && start.getMessage() != null
                && start.getMessage().contains("Duplicate id")) {
            reason = oneLine(start.getMessage().replaceFirst("^.*?because: ", ""));
        }

        RouteDefinition route = model == null || routeId == null ? null : model.getRouteDefinition(routeId);
        LineNumberAware where = route == null ? null : route.getInput();
        ProcessorDefinition<?> step = null;
        if (model != null) {
            step = failingStep(model, route, clues(e), at);
            if (step != null && step.getLineNumber() > 0) {
                where = step;
            }
        }
        StringBuilder m = new StringBuilder();
        if (where != null && where.getLocation() != null) {
            m.append(fileName(where.getLocation()));
            if (where.getLineNumber() > 0) {
                m.append(':').append(where.getLineNumber());
            }
            m.append(": ");
        }
        if (routeId != null) {
            m.append("route '").append(routeId).append("'");
            if (step != null && step.getId() != null) {
                m.append(", step '").append(step.getId()).append("'");
            }
            m.append(": ");
        }
        return cut(m.append(reason).toString());
    }

    /** Names in the exception that a step of the file spells out: a bean, an endpoint, a class. */
    private static List<String> clues(Throwable e) {
        List<String> clues = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoSuchBeanException b && b.getName() != null) {
                clues.add(b.getName());
            } else if (t instanceof ResolveEndpointFailedException r && r.getUri() != null) {
                clues.add(schemeAndPath(r.getUri()));
            } else if (t instanceof NoSuchEndpointException n && n.getUri() != null) {
                clues.add(schemeAndPath(n.getUri()));
            } else if (t instanceof ClassNotFoundException c && c.getMessage() != null) {
                clues.add(c.getMessage());
            }
        }
        return clues;
    }

    /**
     * The deepest step that names a clue (a parent's text contains its children's, so the deepest is the
     * one at fault); else the top-level step Camel reported; else none.
     */
    private static ProcessorDefinition<?> failingStep(
            Model model, RouteDefinition route, List<String> clues, String at) {
        List<ProcessorDefinition<?>> nodes = new ArrayList<>();
        if (route != null) {
            route.getOutputs().forEach(o -> walk(o, nodes));
        }
        for (RouteConfigurationDefinition rc : model.getRouteConfigurationDefinitions()) {
            rc.getOnExceptions().forEach(o -> walk(o, nodes));
        }
        for (String clue : clues) {
            ProcessorDefinition<?> found = null;
            for (ProcessorDefinition<?> n : nodes) {
                if (n.toString().contains(clue)) {
                    found = n;
                }
            }
            if (found != null) {
                return found;
            }
        }
        if (route != null && at != null) {
            for (ProcessorDefinition<?> o : route.getOutputs()) {
                if (at.equals(o.toString()) || o.toString().startsWith(at.replace("...", ""))) {
                    return o;
                }
            }
        }
        return null;
    }

    private static void walk(ProcessorDefinition<?> node, List<ProcessorDefinition<?>> into) {
        into.add(node);
        for (ProcessorDefinition<?> child : node.getOutputs()) {
            walk(child, into);
        }
    }

    static String fileName(String location) {
        if (location == null) {
            return "?";
        }
        String l = location.replaceFirst("^(file|classpath):", "");
        int slash = l.lastIndexOf('/');
        return slash >= 0 ? l.substring(slash + 1) : l;
    }

    private static String schemeAndPath(String uri) {
        int q = uri.indexOf('?');
        return q > 0 ? uri.substring(0, q) : uri;
    }

    private static String between(String s, String from, String to) {
        if (s == null) {
            return null;
        }
        int a = s.indexOf(from);
        int b = a < 0 ? -1 : s.indexOf(to, a + from.length());
        return b < 0 ? null : s.substring(a + from.length(), b);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    private static String cut(String s) {
        return s.length() <= MAX ? s : s.substring(0, MAX) + "...";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
