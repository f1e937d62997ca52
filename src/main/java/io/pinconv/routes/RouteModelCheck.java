package io.pinconv.routes;

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
import java.util.regex.Pattern;
import org.apache.camel.LineNumberAware;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.KameletDefinition;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.MarshalDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.OnFallbackDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.ThrowExceptionDefinition;
import org.apache.camel.model.UnmarshalDefinition;
import org.apache.camel.model.dataformat.JsonDataFormat;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.model.language.ExpressionDefinition;

/**
 * Checks the routes as Camel built them from the files (the model of the context they are checked in), after
 * loading and before any of them is created or started: every node of every route, template and route
 * configuration is walked, and each expression, bean, class, endpoint option, data format, breaker and log
 * line is held to the rules below. Each refusal names the file and line Camel recorded for the step, the route
 * and the step, and what to write instead ({@link Rule}).
 */
final class RouteModelCheck {

    /** The refusals, and what each one tells the operator to do. */
    enum Rule {
        LANGUAGE("the '%s' language is not allowed: it can run code or read files; use simple, constant, method (a bean"
                + " of the service), header, variable or exchangeProperty"),
        FUNCTION("${%s} is not allowed: simple expressions in route files may read the message (body, headers,"
                + " variables, exchangeProperty), dates and ids, and convert values; not system properties, the"
                + " environment, the configuration, the Camel context, classes or database handles; call a method of"
                + " one of the service's beans with a bean step instead"),
        BEAN_FUNCTION("${%s} is not allowed: ${bean:...} may only call ${bean:requestRefusals?method=halves}, written"
                + " out in full and with nothing chained on the result; call other methods with a bean step"),
        CONVERSION("${%s} is not allowed: conversions may only be to a value class (BigDecimal, Boolean, Double,"
                + " Integer, Long, String)"),
        NO_BEAN("no bean '%s' exists; " + Rule.FIX_BEAN),
        NOT_OWN_BEAN("bean '%s' is not allowed: it is not one of the service's own beans; " + Rule.FIX_BEAN),
        CLASS("class '%s' is not allowed: route files may only name classes of the service (io.pinconv) and value"
                + " classes; refer to one of its beans with ref instead"),
        ENDPOINT_BEAN("endpoint '%s' is not allowed: its options name a bean or make an object (%s); endpoint options"
                + " in route files are values, the only bean they may name is headerFilterStrategy=#pinterestHeaderFilter"),
        SCHEME("endpoint '%s' %s"),
        LOG("the log message shows ${%s}, which is not allowed: log lines may not show the body, headers or variables"
                + " (personal data, the Authorization token); use ${routeId}, ${exchangeId}, ${date:...},"
                + " ${variable.activation}, ${variable.runId} or ${header.CamelHttpResponseCode}"),
        LOG_OPTION("'%s' is not allowed: it would log message bodies and headers (personal data); remove it"),
        MARSHAL("'marshal' is not allowed: the service writes the request body itself"),
        UNMARSHAL("%s; write unmarshal: {json: {library: Jackson, unmarshalType: " + UnmarshalTypes.PACKAGE + "<class>}}"),
        BREAKER("%s: Camel would take the failure off the exchange and the chunk would go on as if delivered; let"
                + " every failure count, and delivery-policy retry it"),
        OWN_ERROR_HANDLER("a route may not have an errorHandler of its own: Hawtio cannot draw it; put the error"
                + " handler in a routeConfiguration and name it with routeConfigurationId (no-error-handler, in"
                + " error-channels.yaml, for none)"),
        TEMPLATE_BEANS("route templates may not make beans: write the bean in the service instead"),
        RESOURCE("'%s' is not allowed: route files may not load text from other files or the classpath; write the"
                + " expression in the file"),
        KAMELET("kamelets are not allowed: their endpoints use schemes other than " + AllowedSchemes.LISTED);

        static final String FIX_BEAN = "name one of the service's own beans (a class of io.pinconv, or an @Bean method"
                + " of one); write the bean in the service instead";

        private final String message;

        Rule(String message) {
            this.message = message;
        }

        String say(Object... args) {
            return String.format(Locale.ROOT, message, args);
        }
    }

    /** Simple functions route files may use, by name (what comes before {@code . [ ( :} or {@code ?}). */
    static final Set<String> SIMPLE_FUNCTIONS = Set.of("body", "in", "header", "headers", "variable", "variables",
            "exchangeproperty", "date", "date-with-timezone", "routeid", "stepid", "exchangeid", "id", "camelid",
            "threadname", "messagetimestamp", "random", "null", "exception", "collate", "skip", "join", "empty", "size",
            "length", "trim", "lowercase", "uppercase", "substring", "substringbefore", "substringafter", "iif", "concat",
            "replace", "split", "isempty", "isalpha", "isnumeric", "bodyas", "mandatorybodyas", "headeras",
            "variableas", "exchangepropertyas", "convertto", "bean", "bodyoneline", "uuid");
    private static final Set<String> CONVERSIONS = Set.of("bodyas", "mandatorybodyas", "headeras", "variableas",
            "exchangepropertyas", "convertto");
    static final Set<String> BEAN_FUNCTIONS = Set.of("bean:requestRefusals?method=halves");
    private static final Set<String> LANGUAGES = Set.of("simple", "constant", "bean", "method", "header", "variable",
            "exchangeproperty");
    /** JDK value types a conversion may name: loading them runs nothing. */
    static final Set<String> VALUE_CLASSES = Set.of("java.lang.String", "java.lang.Integer", "java.lang.Long",
            "java.lang.Boolean", "java.lang.Double", "java.math.BigDecimal", "java.util.List", "java.util.Map",
            "java.io.InputStream", "String", "Integer", "Long", "Boolean", "Double", "BigDecimal", "int", "long",
            "boolean", "double", "byte[]");
    /** Exceptions an onException or doCatch may name: any Throwable, loaded without running its static code. */
    private static final Set<String> EXCEPTION_KEYS = Set.of("exceptions");
    /** Options whose value is the name of a bean. */
    private static final Set<String> BEAN_KEYS = Set.of("ref", "executorservice", "aggregationstrategy",
            "aggregatecontroller", "timeoutcheckerexecutorservice", "onprepare", "onredelivery", "onexceptionoccurred",
            "idempotentrepository", "aggregationrepository", "logger", "exchangeformatter", "routepolicy",
            "resumestrategy", "comparator", "headerfilterstrategy", "circuitbreaker", "config", "processor",
            "bulkheadexecutorservice", "timeoutexecutorservice", "timeoutscheduledexecutorservice");
    /** Options whose value is a class name. */
    private static final Set<String> CLASS_KEYS = Set.of("type", "beantype", "beantypename", "unmarshaltypename",
            "classname", "classtype", "collectiontypename", "exceptiontype", "partclass", "builderclass",
            "moduleclassnames", "instanceclass", "resulttypename", "jsonview", "collectiontype");
    private static final Set<String> LOG_FUNCTIONS = Set.of("routeid", "routegroup", "stepid", "exchangeid", "id",
            "camelid", "threadname", "variable.activation", "variable.runid", "header.camelhttpresponsecode");
    private static final Pattern CLASS_ACCESS = Pattern.compile("(?i)(\\.\\s*class\\b|getclass|forname|classloader)");
    /** For one step the body is camel-jdbc's open cursor: a driver value leads to a connection that takes any SQL. */
    private static final Pattern DATABASE_HANDLE = Pattern.compile("(?i)\\.\\s*(get)?(connection|statement|resultset|metadata)\\b");

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
            String id = node instanceof ProcessorDefinition<?> p && p.getId() != null && !(node instanceof RouteDefinition)
                    ? p.getId() : step;
            return new Where(l, owner, id);
        }

        String refusal(String message) {
            StringBuilder m = new StringBuilder();
            if (at != null && at.getLocation() != null) {
                m.append(RouteProblems.fileName(at.getLocation())).append(':').append(at.getLineNumber()).append(": ");
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
                walk(r, new Where(null, r.getRouteId() == null ? "a route without id" : "route '" + r.getRouteId() + "'", null));
            }
            for (RouteTemplateDefinition t : model.getRouteTemplateDefinitions()) {
                Where where = new Where(null, "route template '" + t.getId() + "'", null).inside(t).inside(t.getRoute());
                if (t.getTemplateBeans() != null && !t.getTemplateBeans().isEmpty()) {
                    throw new Broken(where.refusal(Rule.TEMPLATE_BEANS.say()));
                }
                walk(t.getRoute(), where);
            }
            for (var c : model.getRouteConfigurationDefinitions()) {
                walk(c, new Where(null, c.getId() == null ? "a route configuration without id" : "route configuration '" + c.getId() + "'", null));
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
        if (node instanceof org.apache.camel.model.ErrorHandlerDefinition eh) {
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
            } else if (value instanceof Collection<?> c && !c.isEmpty() && c.iterator().next() instanceof String) {
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
                if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                        && m.getDeclaringClass().getName().startsWith("org.apache.camel.model.")
                        && (m.getName().startsWith("get") && m.getName().length() > 3)
                        && !m.getName().equals("getParent") && !m.getName().equals("getRoute")
                        && (r == String.class || model || Collection.class.isAssignableFrom(r) || Map.class.isAssignableFrom(r))) {
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
                throw new Broken(where.refusal(Rule.LANGUAGE.say(e.getLanguage())));
            }
            if (e.getExpression() != null && e.getExpression().strip().toLowerCase(Locale.ROOT).startsWith("resource:")) {
                throw new Broken(where.refusal(Rule.RESOURCE.say(e.getExpression().strip())));
            }
            if (language.equals("simple") && e.getExpression() != null) {
                simple(e.getExpression(), where);
            }
        } else if (node instanceof LogDefinition log && log.getMessage() != null) {
            for (String f : ExpressionScan.simpleFunctions(log.getMessage())) {
                String lower = f.toLowerCase(Locale.ROOT);
                if (!LOG_FUNCTIONS.contains(lower) && !lower.startsWith("date:") && !lower.startsWith("date-with-timezone:")) {
                    throw new Broken(where.refusal(Rule.LOG.say(f)));
                }
            }
        } else if (node instanceof MarshalDefinition) {
            throw new Broken(where.refusal(Rule.MARSHAL.say()));
        } else if (node instanceof UnmarshalDefinition u) {
            unmarshal(u, where);
        } else if (node instanceof CircuitBreakerDefinition b) {
            breaker(b, where);
        } else if (node instanceof RouteDefinition r && (r.getErrorHandler() != null || r.getErrorHandlerRef() != null)) {
            throw new Broken(where.refusal(Rule.OWN_ERROR_HANDLER.say()));
        } else if (node instanceof KameletDefinition) {
            throw new Broken(where.refusal(Rule.KAMELET.say()));
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
            throw new Broken(where.refusal(Rule.LOG_OPTION.say(key + ": " + value)));
        }
    }

    private void simple(String text, Where where) {
        for (String function : ExpressionScan.simpleFunctions(text)) {
            String f = function.strip();
            String name = functionName(f);
            if (!SIMPLE_FUNCTIONS.contains(name) || CLASS_ACCESS.matcher(f).find() || DATABASE_HANDLE.matcher(f).find()) {
                throw new Broken(where.refusal(Rule.FUNCTION.say(function)));
            }
            if (name.equals("bean") && !BEAN_FUNCTIONS.contains(f)) {
                throw new Broken(where.refusal(Rule.BEAN_FUNCTION.say(function)));
            }
            if (CONVERSIONS.contains(name)) {
                int open = f.indexOf('(');
                int close = f.lastIndexOf(')');
                String[] args = (open < 0 || close < open ? "" : f.substring(open + 1, close)).split(",");
                if (!VALUE_CLASSES.contains(args[args.length - 1].strip())) {
                    throw new Broken(where.refusal(Rule.CONVERSION.say(function)));
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
                throw new Broken(where.refusal(Rule.SCHEME.say(shown, scheme == null
                        ? "names no scheme (an endpoint looked up by name is not allowed): write scheme:path with one of "
                        + AllowedSchemes.LISTED
                        : "uses the scheme '" + scheme + "', which is not allowed: route files may only use " + AllowedSchemes.LISTED)));
            }
            String jdbc = AllowedSchemes.isJdbc(scheme) ? AllowedSchemes.jdbcRefusal(uri) : null;
            if (jdbc != null) {
                throw new Broken(where.refusal(Rule.SCHEME.say(shown, "is not allowed: " + jdbc)));
            }
        }
        simple(uri, where);
        String refusal = EndpointSchemeGuard.beanOptionRefusal(uri);
        if (refusal != null) {
            throw new Broken(where.refusal(Rule.ENDPOINT_BEAN.say(shown, refusal)));
        }
    }

    private void bean(String reference, Where where) {
        String name = reference.startsWith("#bean:") ? reference.substring(6) : reference.startsWith("#") ? reference.substring(1) : reference;
        // the method language's shorthand: bean?method=name
        name = name.indexOf('?') < 0 ? name : name.substring(0, name.indexOf('?'));
        if (name.contains(":") || name.contains("{{") || name.contains("${")) {
            throw new Broken(where.refusal(Rule.NOT_OWN_BEAN.say(reference)));
        }
        if (!beans.exists(name)) {
            throw new Broken(where.refusal(Rule.NO_BEAN.say(name)));
        }
        if (!beans.isOwn(name)) {
            throw new Broken(where.refusal(Rule.NOT_OWN_BEAN.say(name)));
        }
    }

    private void className(String name, Where where) {
        String cls = name.startsWith("#class:") ? name.substring("#class:".length()) : name;
        if (!cls.isEmpty() && !VALUE_CLASSES.contains(cls) && (!cls.startsWith(OwnBeans.OWN_PACKAGE) || name.startsWith("#"))) {
            throw new Broken(where.refusal(Rule.CLASS.say(cls)));
        }
    }

    /** An exception class is loaded to match failures: it must be a Throwable, loaded without initialising it. */
    private void exception(String name, Where where) {
        try {
            Class<?> c = Class.forName(name.strip(), false, RouteModelCheck.class.getClassLoader());
            if (!Throwable.class.isAssignableFrom(c)) {
                throw new Broken(where.refusal(Rule.CLASS.say(name)));
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // Camel names the missing class itself
        }
    }

    private void unmarshal(UnmarshalDefinition u, Where where) {
        if (!(u.getDataFormatType() instanceof JsonDataFormat json)) {
            throw new Broken(where.refusal(Rule.UNMARSHAL.say("only the json data format is allowed")));
        }
        if (json.getLibrary() != JsonLibrary.Jackson) {
            throw new Broken(where.refusal(Rule.UNMARSHAL.say("the json data format must say library: Jackson")));
        }
        if (json.getAllowUnmarshallType() != null || json.getAllowJmsType() != null || json.getModuleClassNames() != null
                || json.getModuleRefs() != null || json.getObjectMapper() != null) {
            throw new Broken(where.refusal(Rule.UNMARSHAL.say("only library and unmarshalType may be set: a header would"
                    + " name the class, or modules and mappers of the file's choosing would read the answer")));
        }
        String type = json.getUnmarshalTypeName();
        if (type == null || !type.startsWith(UnmarshalTypes.PACKAGE) || type.substring(UnmarshalTypes.PACKAGE.length()).contains(".")) {
            throw new Broken(where.refusal(Rule.UNMARSHAL.say("unmarshalType '" + type + "' is not allowed: answers are read"
                    + " into classes of " + UnmarshalTypes.PACKAGE + "* only")));
        }
        String polymorphic = UnmarshalTypes.polymorphism(type);
        if (polymorphic != null) {
            throw new Broken(where.refusal(Rule.UNMARSHAL.say("unmarshalType '" + type + "' is not allowed: " + polymorphic)));
        }
    }

    private static void breaker(CircuitBreakerDefinition b, Where where) {
        var settings = b.getResilience4jConfiguration();
        if (b.getId() == null) {
            throw new Broken(where.refusal("circuitBreaker needs an id: health, metrics and Hawtio find its breaker by it"));
        }
        if (b.getConfiguration() != null || settings == null || !"true".equalsIgnoreCase(
                settings.getThrowExceptionWhenHalfOpenOrOpenState() == null ? "" : settings.getThrowExceptionWhenHalfOpenOrOpenState().strip())) {
            throw new Broken(where.refusal(Rule.BREAKER.say("circuitBreaker needs its settings in resilience4jConfiguration,"
                    + " with throwExceptionWhenHalfOpenOrOpenState: true (an open breaker would let the chunk through unsent)")));
        }
        if (!settings.getIgnoreExceptions().isEmpty() || !settings.getRecordExceptions().isEmpty()) {
            throw new Broken(where.refusal(Rule.BREAKER.say("ignoreExceptions and recordExceptions are not allowed")));
        }
        OnFallbackDefinition fallback = b.getOnFallback();
        if (fallback != null && (fallback.getOutputs().isEmpty()
                || !(fallback.getOutputs().get(fallback.getOutputs().size() - 1) instanceof ThrowExceptionDefinition))) {
            throw new Broken(where.refusal(Rule.BREAKER.say("an onFallback that does not end with throwException is not allowed")));
        }
    }
}
