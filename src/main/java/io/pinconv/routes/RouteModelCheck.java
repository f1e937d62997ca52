package io.pinconv.routes;

import static io.pinconv.routes.RouteAllowLists.BEAN_FUNCTIONS;
import static io.pinconv.routes.RouteAllowLists.BEAN_KEYS;
import static io.pinconv.routes.RouteAllowLists.CLASS_ACCESS;
import static io.pinconv.routes.RouteAllowLists.CLASS_KEYS;
import static io.pinconv.routes.RouteAllowLists.CONVERSIONS;
import static io.pinconv.routes.RouteAllowLists.DATABASE_HANDLE;
import static io.pinconv.routes.RouteAllowLists.EXCEPTION_KEYS;
import static io.pinconv.routes.RouteAllowLists.LANGUAGES;
import static io.pinconv.routes.RouteAllowLists.LOG_FUNCTIONS;
import static io.pinconv.routes.RouteAllowLists.SIMPLE_FUNCTIONS;
import static io.pinconv.routes.RouteAllowLists.VALUE_CLASSES;

import io.pinconv.routes.RouteValidator.RoutesRefused;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.LineNumberAware;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.ErrorHandlerDefinition;
import org.apache.camel.model.KameletDefinition;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.MarshalDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.UnmarshalDefinition;
import org.apache.camel.model.language.ExpressionDefinition;

/**
 * Checks the routes as Camel built them from the files (the model of the context they are checked in), after
 * loading and before any of them is created or started: every node of every route, template and route
 * configuration is walked, and each expression, bean, class, endpoint option, data format, breaker and log
 * line is held to the rules below. Each refusal names the file and line Camel recorded for the step, the route
 * and the step, and what to write instead ({@link RouteRule}).
 */
final class RouteModelCheck {

    private static final Map<Class<?>, List<Method>> GETTERS = new ConcurrentHashMap<>();

    private final OwnBeans beans;
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    RouteModelCheck(OwnBeans beans) {
        this.beans = beans;
    }

    /** A rule broken by one node. */
    private static final class Broken extends RuntimeException {
        Broken(String message) {
            super(message, null, false, false);
        }
    }

    /** Where the walk is: the file and line of the nearest step Camel recorded, its route and its id. */
    private record Where(LineNumberAware at, String owner, String step) {

        Where inside(Object node) {
            if (!(node instanceof LineNumberAware l) || l.getLineNumber() <= 0) {
                return this;
            }
            String id =
                    node instanceof ProcessorDefinition<?> p && p.getId() != null && !(node instanceof RouteDefinition)
                            ? p.getId()
                            : step;
            return new Where(l, owner, id);
        }

        String refusal(String message) {
            StringBuilder m = new StringBuilder();
            if (at != null && at.getLocation() != null) {
                m.append(RouteProblems.fileName(at.getLocation()))
                        .append(':')
                        .append(at.getLineNumber())
                        .append(": ");
            }
            m.append(owner);
            if (step != null) {
                m.append(", step '").append(step).append("'");
            }
            return m.append(": ").append(message).toString();
        }
    }

    /**
     * @param files the files the model was loaded from: Camel records no line for what a route configuration
     *              holds, so the line of such a refusal is that of the first line of the files quoting what it refuses
     */
    void check(Model model, List<RouteFolder.RouteFile> files) throws RoutesRefused {
        try {
            for (RouteDefinition r : model.getRouteDefinitions()) {
                walk(
                        r,
                        new Where(
                                null,
                                r.getRouteId() == null ? "a route without id" : "route '" + r.getRouteId() + "'",
                                null));
            }
            for (RouteTemplateDefinition t : model.getRouteTemplateDefinitions()) {
                Where where = new Where(null, "route template '" + t.getId() + "'", null)
                        .inside(t)
                        .inside(t.getRoute());
                if (t.getTemplateBeans() != null && !t.getTemplateBeans().isEmpty()) {
                    throw new Broken(where.refusal(RouteRule.TEMPLATE_BEANS.say()));
                }
                walk(t.getRoute(), where);
            }
            for (var c : model.getRouteConfigurationDefinitions()) {
                walk(
                        c,
                        new Where(
                                null,
                                c.getId() == null
                                        ? "a route configuration without id"
                                        : "route configuration '" + c.getId() + "'",
                                null));
            }
        } catch (Broken b) {
            throw new RoutesRefused(located(b.getMessage(), files), null);
        }
    }

    private static String located(String message, List<RouteFolder.RouteFile> files) {
        // the owner ("route configuration 'x'") comes first, then what is refused, quoted
        int open = message.indexOf('\'', message.indexOf(": ") + 2);
        int close = open < 0 ? -1 : message.indexOf('\'', open + 1);
        if (message.matches("^[^ ]+:\\d+: .*") || close < 0) {
            return message;
        }
        String quoted = message.substring(open + 1, close).replace("?...", "");
        for (RouteFolder.RouteFile f : files) {
            String[] lines = f.content().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(quoted)) {
                    return f.name() + ":" + (i + 1) + ": " + message;
                }
            }
        }
        return message;
    }

    private void walk(Object node, Where outer) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> c) {
            c.forEach(n -> walk(n, outer));
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.values().forEach(n -> walk(n, outer));
            return;
        }
        if (!node.getClass().getName().startsWith("org.apache.camel.model.")) {
            return;
        }
        Where where = outer.inside(node);
        visit(node, where);
        if (node instanceof ErrorHandlerDefinition eh) {
            // its getter is typed by an interface of Camel's, yet the value is a model definition
            walk(eh.getErrorHandlerType(), where);
        }
        for (Method g : getters(node.getClass())) {
            Object value;
            try {
                value = g.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            String key = property(g);
            if (value instanceof String s) {
                text(key, s.strip(), where);
            } else if (value instanceof Collection<?> c && EXCEPTION_KEYS.contains(key)) {
                c.forEach(name -> exception(String.valueOf(name), where));
            } else if (value instanceof Collection<?> c
                    && !c.isEmpty()
                    && c.iterator().next() instanceof String) {
                c.forEach(s -> text(key, String.valueOf(s).strip(), where));
            } else {
                walk(value, where);
            }
        }
    }

    /** The model's own getters that return a model object, a list of them, or text: nothing that builds anything. */
    private static List<Method> getters(Class<?> type) {
        return GETTERS.computeIfAbsent(type, t -> {
            List<Method> found = new ArrayList<>();
            for (Method m : t.getMethods()) {
                Class<?> r = m.getReturnType();
                boolean model = r.getName().startsWith("org.apache.camel.model.");
                if (m.getParameterCount() == 0
                        && !Modifier.isStatic(m.getModifiers())
                        && m.getDeclaringClass().getName().startsWith("org.apache.camel.model.")
                        && (m.getName().startsWith("get") && m.getName().length() > 3)
                        && !m.getName().equals("getParent")
                        && !m.getName().equals("getRoute")
                        && (r == String.class
                                || model
                                || Collection.class.isAssignableFrom(r)
                                || Map.class.isAssignableFrom(r))) {
                    found.add(m);
                }
            }
            return found;
        });
    }

    private static String property(Method getter) {
        return getter.getName().substring(3).toLowerCase(Locale.ROOT);
    }

    private void visit(Object node, Where where) {
        if (node instanceof ExpressionDefinition e) {
            String language = e.getLanguage() == null ? "" : e.getLanguage().toLowerCase(Locale.ROOT);
            if (!LANGUAGES.contains(language)) {
                throw new Broken(where.refusal(RouteRule.LANGUAGE.say(e.getLanguage())));
            }
            if (e.getExpression() != null
                    && e.getExpression().strip().toLowerCase(Locale.ROOT).startsWith("resource:")) {
                throw new Broken(
                        where.refusal(RouteRule.RESOURCE.say(e.getExpression().strip())));
            }
            if (language.equals("simple") && e.getExpression() != null) {
                simple(e.getExpression(), where);
            }
        } else if (node instanceof LogDefinition log && log.getMessage() != null) {
            for (String f : ExpressionScan.simpleFunctions(log.getMessage())) {
                String lower = f.toLowerCase(Locale.ROOT);
                if (!LOG_FUNCTIONS.contains(lower)
                        && !lower.startsWith("date:")
                        && !lower.startsWith("date-with-timezone:")) {
                    throw new Broken(where.refusal(RouteRule.LOG.say(f)));
                }
            }
        } else if (node instanceof MarshalDefinition) {
            throw new Broken(where.refusal(RouteRule.MARSHAL.say()));
        } else if (node instanceof UnmarshalDefinition u) {
            refuse(EipRules.unmarshal(u), where);
        } else if (node instanceof CircuitBreakerDefinition b) {
            refuse(EipRules.breaker(b), where);
        } else if (node instanceof RouteDefinition r
                && (r.getErrorHandler() != null || r.getErrorHandlerRef() != null)) {
            throw new Broken(where.refusal(RouteRule.OWN_ERROR_HANDLER.say()));
        } else if (node instanceof KameletDefinition) {
            throw new Broken(where.refusal(RouteRule.KAMELET.say()));
        }
    }

    private static void refuse(String refusal, Where where) {
        if (refusal != null) {
            throw new Broken(where.refusal(refusal));
        }
    }

    /** A text of the model, by the option it is: an endpoint, a bean, a class, a logging switch. */
    private void text(String key, String value, Where where) {
        if (value.isEmpty()) {
            return;
        }
        if (key.equals("uri") || key.equals("deadletteruri")) {
            endpoint(value, where);
        } else if (key.equals("method")) {
            // a bean step's method may bind its arguments with simple: ${...} there is evaluated like any other
            simple(value, where);
        } else if (BEAN_KEYS.contains(key) || (key.endsWith("ref") && key.length() > 3)) {
            bean(value, where);
        } else if (CLASS_KEYS.contains(key)) {
            for (String name : value.split("[,\\s]+")) {
                className(name, where);
            }
        } else if ((key.equals("trace") || key.equals("logexhaustedmessagebody")) && value.equalsIgnoreCase("true")
                || key.equals("logmask") && value.equalsIgnoreCase("false")) {
            throw new Broken(where.refusal(RouteRule.LOG_OPTION.say(key + ": " + value)));
        }
    }

    private void simple(String text, Where where) {
        for (String function : ExpressionScan.simpleFunctions(text)) {
            String f = function.strip();
            String name = functionName(f);
            if (!SIMPLE_FUNCTIONS.contains(name)
                    || CLASS_ACCESS.matcher(f).find()
                    || DATABASE_HANDLE.matcher(f).find()) {
                throw new Broken(where.refusal(RouteRule.FUNCTION.say(function)));
            }
            if (name.equals("bean") && !BEAN_FUNCTIONS.contains(f)) {
                throw new Broken(where.refusal(RouteRule.BEAN_FUNCTION.say(function)));
            }
            if (CONVERSIONS.contains(name)) {
                int open = f.indexOf('(');
                int close = f.lastIndexOf(')');
                String[] args = (open < 0 || close < open ? "" : f.substring(open + 1, close)).split(",");
                if (!VALUE_CLASSES.contains(args[args.length - 1].strip())) {
                    throw new Broken(where.refusal(RouteRule.CONVERSION.say(function)));
                }
            }
        }
    }

    private static String functionName(String f) {
        int end = 0;
        while (end < f.length() && ".[(:?} ".indexOf(f.charAt(end)) < 0) {
            end++;
        }
        return f.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private void endpoint(String uri, Where where) {
        String shown = uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?')) + "?...";
        boolean dynamic = uri.startsWith("${") || uri.startsWith("$simple{") || uri.startsWith("{{");
        if (!dynamic) {
            String scheme = AllowedSchemes.schemeOf(uri);
            if (scheme == null || !AllowedSchemes.allows(scheme)) {
                throw new Broken(where.refusal(RouteRule.SCHEME.say(
                        shown,
                        scheme == null
                                ? "names no scheme (an endpoint looked up by name is not allowed): write scheme:path with one of "
                                        + AllowedSchemes.LISTED
                                : "uses the scheme '" + scheme + "', which is not allowed: route files may only use "
                                        + AllowedSchemes.LISTED)));
            }
            String jdbc = AllowedSchemes.isJdbc(scheme) ? AllowedSchemes.jdbcRefusal(uri) : null;
            if (jdbc != null) {
                throw new Broken(where.refusal(RouteRule.SCHEME.say(shown, "is not allowed: " + jdbc)));
            }
        }
        simple(uri, where);
        String refusal = EndpointSchemeGuard.beanOptionRefusal(uri);
        if (refusal != null) {
            throw new Broken(where.refusal(RouteRule.ENDPOINT_BEAN.say(shown, refusal)));
        }
    }

    private void bean(String reference, Where where) {
        String name = reference.startsWith("#bean:")
                ? reference.substring(6)
                : reference.startsWith("#") ? reference.substring(1) : reference;
        // the method language's shorthand: bean?method=name
        name = name.indexOf('?') < 0 ? name : name.substring(0, name.indexOf('?'));
        if (name.contains(":") || name.contains("{{") || name.contains("${")) {
            throw new Broken(where.refusal(RouteRule.NOT_OWN_BEAN.say(reference)));
        }
        if (!beans.exists(name)) {
            throw new Broken(where.refusal(RouteRule.NO_BEAN.say(name)));
        }
        if (!beans.isOwn(name)) {
            throw new Broken(where.refusal(RouteRule.NOT_OWN_BEAN.say(name)));
        }
    }

    private void className(String name, Where where) {
        String cls = name.startsWith("#class:") ? name.substring("#class:".length()) : name;
        if (!cls.isEmpty()
                && !VALUE_CLASSES.contains(cls)
                && (!cls.startsWith(OwnBeans.OWN_PACKAGE) || name.startsWith("#"))) {
            throw new Broken(where.refusal(RouteRule.CLASS.say(cls)));
        }
    }

    /** An exception class is loaded to match failures: it must be a Throwable, loaded without initialising it. */
    private void exception(String name, Where where) {
        try {
            Class<?> c = Class.forName(name.strip(), false, RouteModelCheck.class.getClassLoader());
            if (!Throwable.class.isAssignableFrom(c)) {
                throw new Broken(where.refusal(RouteRule.CLASS.say(name)));
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // Camel names the missing class itself
        }
    }
}
