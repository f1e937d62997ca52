package io.pinconv.routes;

import io.pinconv.routes.RouteFolder.RouteFile;
import io.pinconv.routes.RouteValidator.RoutesRefused;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks the text of route files before Camel loads any of them. Camel runs part of a file while loading
 * it ({@code beans:} are created, classes loaded), so a file refused after loading has already run its
 * code; this check reads the YAML as plain nodes (SnakeYAML's composer constructs no object) and refuses
 * whatever would let a file reach outside the service: other endpoint schemes, beans and classes that are
 * not the service's, languages that run code, functions and placeholders that read the environment or the
 * configuration, and log lines that would print personal data.
 *
 * <p>Keys are compared the way Camel's YAML DSL accepts them, camelCase or kebab-case.
 */
@Component
public class RouteVetting {

    private static final Set<String> TOP_LEVEL = Set.of("route", "routetemplate", "routeconfiguration");

    /** Keys whose text is an endpoint URI (as a scalar): {@code uri:} and the EIPs' shorthand. */
    private static final Set<String> URI_KEYS = Set.of("uri", "deadletteruri", "afteruri");
    private static final Set<String> URI_SHORTHAND = Set.of("from", "to", "tod", "wiretap", "deadletterchannel",
            "inonly", "inout", "enrich", "pollenrich", "poll");
    /** There, {@code uri} is a pattern of the endpoints intercepted, not an endpoint made. */
    private static final Set<String> URI_PATTERN_PARENTS = Set.of("interceptfrom", "interceptsendtoendpoint");

    private static final Set<String> ALLOWED_LANGUAGES = Set.of("simple", "constant", "method", "header", "variable",
            "exchangeproperty");
    /** Every other language of Camel's YAML DSL: they run code, read files, or parse documents. */
    private static final Set<String> REFUSED_LANGUAGES = Set.of("csimple", "datasonnet", "groovy", "hl7terser", "java",
            "joor", "jq", "js", "javascript", "jsonpath", "mvel", "ognl", "python", "spel", "tokenize", "wasm", "xpath",
            "xquery", "xtokenize", "kotlin");

    /**
     * Where {@code ref} is the ref language (an expression looked up by name); anywhere else it names a bean,
     * and is checked as one: so a misspelt EIP still reaches Camel, which names it.
     */
    private static final Set<String> EXPRESSION_PARENTS = Set.of("filter", "when", "split", "setbody", "setheader",
            "setproperty", "setvariable", "transform", "delay", "loop", "throttle", "resequence", "sort", "recipientlist",
            "dynamicrouter", "routingslip", "enrich", "pollenrich", "idempotentconsumer", "validate", "script", "onwhen",
            "expression", "correlationexpression", "completionpredicate", "completionsize", "completiontimeout",
            "retrywhile", "handled", "continued", "stopwhen", "aggregate", "wiretap");
    /** Where {@code method} is the name of a method, not a bean. */
    private static final Set<String> METHOD_NAME_PARENTS = Set.of("bean", "method");
    /** Options whose scalar value is the name of a bean. */
    private static final Set<String> BEAN_KEYS = Set.of("executorservice", "aggregationstrategy", "aggregatecontroller",
            "timeoutcheckerexecutorservice", "onprepare", "onredelivery", "onexceptionoccurred", "idempotentrepository",
            "aggregationrepository", "logger", "exchangeformatter", "routepolicy", "resumestrategy", "comparator",
            "headerfilterstrategy", "circuitbreaker", "config", "typedguard", "sagaservice", "processor",
            "bulkheadexecutorservice", "timeoutexecutorservice", "timeoutscheduledexecutorservice");
    /** Options whose scalar value is a class name. */
    private static final Set<String> CLASS_KEYS = Set.of("type", "beantype", "unmarshaltype", "classname", "classtype",
            "collectiontype", "exceptiontype", "partclass", "builderclass", "moduleclassnames", "instanceclass",
            "resulttype", "jsonview");
    /** JDK value types a conversion may name: loading them runs nothing. */
    private static final Set<String> VALUE_CLASSES = Set.of("java.lang.String", "java.lang.Integer", "java.lang.Long",
            "java.lang.Boolean", "java.lang.Double", "java.math.BigDecimal", "java.util.List", "java.util.Map",
            "java.io.InputStream");
    /** The same, as simple's conversions may write them. */
    private static final Set<String> SHORT_VALUE_CLASSES = Set.of("String", "Integer", "Long", "Boolean", "Double",
            "BigDecimal", "int", "long", "boolean", "double", "byte[]");
    private static final Set<String> REFUSED_BLOCKS = Set.of("beans", "templatebean", "templatebeans", "marshal",
            "dataformats");

    /**
     * unmarshal takes the json data format alone, with Jackson, into a class of Pinterest's answers: a data format
     * turns bytes from outside into objects, so no class named by the message (allowUnmarshallType, allowJmsType),
     * no modules or mapper of the file's choosing, no polymorphic type ids (checked on the class).
     */
    private static final Set<String> UNMARSHAL_KEYS = Set.of("id", "description", "json");
    private static final Set<String> JSON_KEYS = Set.of("id", "library", "unmarshaltype");
    static final String UNMARSHAL_PACKAGE = "io.pinconv.pinterest.";

    /**
     * circuitBreaker: Resilience4j, configured in the file, and failing loudly. throwExceptionWhenHalfOpenOrOpenState
     * must be true (else an open breaker lets the chunk through unsent); ignoreExceptions and recordExceptions are
     * refused, as is an onFallback that does not end by throwing: for each, Camel takes the failure off the exchange,
     * and the chunk would go on as if delivered.
     */
    private static final Set<String> BREAKER_KEYS = Set.of("id", "description", "resilience4jconfiguration", "steps",
            "onfallback", "disabled");

    /**
     * The simple functions route files may use, by name (what comes before {@code . [ ( :} or {@code ?}): the
     * message, its headers, variables and properties, dates and ids, and value conversions. Anything else
     * (sys, env, properties, camelContext, ref, type, exchange, file, languages...) is refused.
     */
    private static final Set<String> SIMPLE_FUNCTIONS = Set.of("body", "in", "header", "headers", "variable", "variables",
            "exchangeproperty", "date", "date-with-timezone", "routeid", "stepid", "exchangeid", "id", "camelid",
            "threadname", "messagetimestamp", "random", "null", "exception", "collate", "skip", "join", "empty", "size",
            "length", "trim", "lowercase", "uppercase", "substring", "substringbefore", "substringafter", "iif", "concat",
            "replace", "split", "isempty", "isalpha", "isnumeric", "bodyas", "mandatorybodyas", "headeras",
            "variableas", "exchangepropertyas", "convertto", "bean", "bodyoneline", "uuid");
    /** Functions that convert to a class they name: only to the value classes. */
    private static final Set<String> CONVERSIONS = Set.of("bodyas", "mandatorybodyas", "headeras", "variableas",
            "exchangepropertyas", "convertto");
    /**
     * {@code ${bean:...}} calls: read-only service methods, written out in full, with no method chained on their
     * result (a result is an object of the service, and its methods are not the route files' to call).
     */
    static final Set<String> BEAN_FUNCTIONS = Set.of("bean:requestRefusals?method=halves");
    private static final Pattern CLASS_ACCESS = Pattern.compile("(?i)(\\.\\s*class\\b|getclass|forname|classloader)");
    /**
     * A walk to a database handle: for one step the body is camel-jdbc's open cursor over the segment, and a value
     * of the driver (an array's result set) leads to its statement and connection, which take any SQL.
     */
    private static final Pattern DATABASE_HANDLE = Pattern.compile("(?i)\\.\\s*(get)?(connection|statement|resultset|metadata)\\b");

    /** Simple functions a log line may show: where and when, never what (body, headers, variables). */
    private static final Set<String> LOG_FUNCTIONS = Set.of("routeid", "routegroup", "stepid", "exchangeid", "id",
            "camelid", "threadname", "variable.activation", "variable.runid", "header.camelhttpresponsecode");
    private static final List<String> LOG_FUNCTION_PREFIXES = List.of("date:", "date-with-timezone:");

    /** Properties functions ({{env:X}}): never a template parameter, even if a template declares the name. */
    private static final Set<String> PROPERTY_FUNCTIONS = Set.of("env", "sys", "sysenv", "service", "bean", "ref",
            "aws", "gcp", "azure", "hashicorp", "kubernetes", "kubernetes-secrets", "kubernetes-configmaps", "ibm",
            "cyberark", "springboot");

    /** The tags plain YAML resolves by itself; any other asks a loader to make an object. */
    private static final Set<String> PLAIN_TAGS = Set.of("str", "int", "float", "bool", "null", "seq", "map", "timestamp",
            "binary", "merge").stream().map(t -> "tag:yaml.org,2002:" + t).collect(java.util.stream.Collectors.toSet());

    private static final Pattern BEAN_REF = Pattern.compile("#(bean:)?([A-Za-z_$][\\w$.-]*)");

    private static final String FIX_BEAN = "name one of the service's own beans (a class of io.pinconv, or an @Bean"
            + " method of one); write the bean in the service instead";

    private final OwnBeans ownBeans;

    public RouteVetting(ConfigurableListableBeanFactory beans) {
        this.ownBeans = new OwnBeans(beans);
    }

    public void vet(List<RouteFile> files) throws RoutesRefused {
        for (RouteFile f : files) {
            vet(f.name(), f.content());
        }
    }

    /** @param file the file's name, as messages give it ({@code run.yaml}) */
    public void vet(String file, String content) throws RoutesRefused {
        try {
            refuseAnchors(content);
            for (Node document : yaml().composeAll(new StringReader(content))) {
                if (document != null) {
                    new FileCheck(document).run();
                }
            }
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new RoutesRefused(file + ":" + line + ": " + RouteProblems.oneLine(
                    e.getProblem() == null ? e.getMessage() : e.getProblem()), e);
        } catch (Refusal r) {
            throw new RoutesRefused(file + ":" + r.line + ": " + r.getMessage(), null);
        }
    }

    /**
     * An alias repeats a node under another key, where a check of the text and Camel may read it differently;
     * route files are short enough to write out.
     */
    private static void refuseAnchors(String content) {
        for (org.yaml.snakeyaml.events.Event e : yaml().parse(new StringReader(content))) {
            boolean alias = e instanceof org.yaml.snakeyaml.events.AliasEvent;
            if (alias || (e instanceof org.yaml.snakeyaml.events.NodeEvent n && n.getAnchor() != null)) {
                throw new Refusal(e.getStartMark().getLine() + 1, "YAML " + (alias ? "aliases (*name)" : "anchors (&name)")
                        + " are not allowed in route files: write each value out where it is used");
            }
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // compose() builds nodes only; the constructor is never asked to make objects
        return new Yaml(new SafeConstructor(options));
    }

    private static String norm(String key) {
        return key.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** A rule broken at a line of the file. */
    private static final class Refusal extends RuntimeException {
        final int line;

        Refusal(Node at, String message) {
            this(at.getStartMark().getLine() + 1, message);
        }

        Refusal(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /** One document of one file: it knows the template parameters the file declares. */
    private final class FileCheck {

        private final Node root;
        private final Set<String> templateParameters = new HashSet<>();
        private final Set<Node> walked = Collections.newSetFromMap(new IdentityHashMap<>());
        // where the walk is, for messages: "route 'process-batch', step 'map-batch'"
        private Node ownerNode;
        private String owner;
        private String step;

        FileCheck(Node root) {
            this.root = root;
        }

        void run() {
            checkTag(root);
            if (!(root instanceof SequenceNode items)) {
                throw refuse(root, "a route file is a list of route, routeTemplate and routeConfiguration items;"
                        + " start each with '- route:', '- routeTemplate:' or '- routeConfiguration:'");
            }
            for (Node item : items.getValue()) {
                if (!(item instanceof MappingNode entries)) {
                    throw refuse(item, "a route file is a list of route, routeTemplate and routeConfiguration"
                            + " items; start each with '- route:', '- routeTemplate:' or '- routeConfiguration:'");
                }
                for (NodeTuple t : entries.getValue()) {
                    String key = keyOf(t);
                    if (!TOP_LEVEL.contains(norm(key))) {
                        throw refuse(t.getKeyNode(), "'" + key + "' is not allowed at the top of a route file: only"
                                + " route, routeTemplate and routeConfiguration are (beans, rest and the like belong in"
                                + " the service, not in the route files)");
                    }
                    if (norm(key).equals("routetemplate")) {
                        collectParameters(t.getValueNode());
                    }
                }
            }
            for (Node item : items.getValue()) {
                for (NodeTuple t : ((MappingNode) item).getValue()) {
                    String key = keyOf(t);
                    ownerNode = t.getValueNode();
                    owner = label(norm(key)) + (child(ownerNode, "id") instanceof ScalarNode id ? " '" + id.getValue() + "'" : "");
                    step = null;
                    checkTag(item);
                    walk(t.getValueNode(), norm(key));
                }
            }
        }

        private static String label(String topLevelKey) {
            return switch (topLevelKey) {
                case "routetemplate" -> "route template";
                case "routeconfiguration" -> "route configuration";
                default -> "route";
            };
        }

        private Refusal refuse(Node at, String message) {
            if (owner == null) {
                return new Refusal(at, message);
            }
            return new Refusal(at, owner + (step == null ? "" : ", step '" + step + "'") + ": " + message);
        }

        private void collectParameters(Node template) {
            Node parameters = child(template, "parameters");
            if (parameters instanceof SequenceNode list) {
                for (Node p : list.getValue()) {
                    if (child(p, "name") instanceof ScalarNode name) {
                        templateParameters.add(name.getValue());
                    }
                }
            }
        }

        private void walk(Node node, String parentKey) {
            checkTag(node);
            if (!walked.add(node)) {
                return;
            }
            if (node instanceof ScalarNode s) {
                checkText(s);
            } else if (node instanceof SequenceNode seq) {
                for (Node n : seq.getValue()) {
                    walk(n, parentKey);
                }
            } else if (node instanceof MappingNode map) {
                String outerStep = step;
                if (map != ownerNode && child(map, "id") instanceof ScalarNode id) {
                    step = id.getValue();
                }
                for (NodeTuple t : map.getValue()) {
                    String key = keyOf(t);
                    checkEntry(key, norm(key), t.getKeyNode(), t.getValueNode(), parentKey);
                    walk(t.getValueNode(), norm(key));
                }
                step = outerStep;
            }
        }

        private void checkEntry(String key, String k, Node keyNode, Node value, String parent) {
            String text = value instanceof ScalarNode s ? s.getValue().strip() : null;
            if (REFUSED_BLOCKS.contains(k)) {
                throw refuse(keyNode, "'" + key + "' is not allowed in a route file: it creates objects (beans, or"
                        + " data formats that turn bytes into classes); do this in the service's code instead");
            }
            if (k.equals("errorhandler") && "route".equals(parent)) {
                // Camel dumps a route's own error handler before its from, and Hawtio's route diagram then
                // fails for every route ("Cannot read properties of undefined (reading 'weight')")
                throw refuse(keyNode, "a route may not have an errorHandler of its own: Hawtio cannot draw it;"
                        + " put the error handler in a routeConfiguration and name it with routeConfigurationId"
                        + " (no-error-handler, in error-channels.yaml, for none)");
            }
            if (k.equals("unmarshal")) {
                checkUnmarshal(keyNode, value);
            }
            if (k.equals("circuitbreaker") && !(value instanceof ScalarNode)) {
                checkCircuitBreaker(keyNode, value);
            }
            if (REFUSED_LANGUAGES.contains(k) || (k.equals("ref") && EXPRESSION_PARENTS.contains(parent))) {
                throw refusedLanguage(keyNode, key);
            }
            if (k.equals("language") && text != null && !ALLOWED_LANGUAGES.contains(norm(text))) {
                throw refusedLanguage(value, text);
            }
            if (k.equals("kamelet")) {
                throw refuse(keyNode, "kamelets are not allowed: their endpoints use schemes other than "
                        + AllowedSchemes.LISTED);
            }
            if (text != null) {
                if ((URI_KEYS.contains(k) && !URI_PATTERN_PARENTS.contains(parent)) || URI_SHORTHAND.contains(k)) {
                    checkUri(value, text);
                }
                if (k.equals("ref") || BEAN_KEYS.contains(k) || (k.endsWith("ref") && k.length() > 3)
                        || (k.startsWith("ref") && k.length() > 3)) {
                    checkBean(value, text);
                }
                // the scalar shorthand of the bean and process EIPs names a bean
                if (k.equals("bean") || k.equals("process")) {
                    checkBean(value, beforeOptions(text));
                }
                if (k.equals("method") && !METHOD_NAME_PARENTS.contains(parent)) {
                    checkMethodShorthand(value, beforeOptions(text));
                }
                if (CLASS_KEYS.contains(k)) {
                    checkClass(value, text);
                }
            }
            if (k.equals("log")) {
                checkLog(value);
            }
            checkLogOptions(key, k, value, text);
        }

        private void checkUnmarshal(Node at, Node value) {
            String fix = "write unmarshal: {json: {library: Jackson, unmarshalType: " + UNMARSHAL_PACKAGE + "<class>}}";
            if (!(value instanceof MappingNode map)) {
                throw refuse(at, "'unmarshal' needs its data format written out; " + fix);
            }
            for (NodeTuple t : map.getValue()) {
                if (!UNMARSHAL_KEYS.contains(norm(keyOf(t)))) {
                    throw refuse(t.getKeyNode(), "unmarshal with '" + keyOf(t) + "' is not allowed: only the json data"
                            + " format is, with Jackson, into a class of Pinterest's answers; " + fix);
                }
            }
            Node json = child(map, "json");
            if (!(json instanceof MappingNode options)) {
                throw refuse(at, "unmarshal needs the json data format; " + fix);
            }
            for (NodeTuple t : options.getValue()) {
                String option = keyOf(t);
                if (norm(option).equals("allowunmarshalltype") || norm(option).equals("allowjmstype")) {
                    throw refuse(t.getKeyNode(), "'" + option + "' is not allowed: it lets a message header name the"
                            + " class the answer is turned into; name it with unmarshalType");
                }
                if (!JSON_KEYS.contains(norm(option))) {
                    throw refuse(t.getKeyNode(), "json option '" + option + "' is not allowed: only library (Jackson)"
                            + " and unmarshalType are; the service's own ObjectMapper does the rest");
                }
            }
            if (!(child(options, "library") instanceof ScalarNode library) || !library.getValue().strip().equals("Jackson")) {
                throw refuse(keyNode(map, "json"), "the json data format must say library: Jackson (the service's ObjectMapper)");
            }
            if (!(child(options, "unmarshalType") instanceof ScalarNode type)) {
                throw refuse(keyNode(map, "json"), "the json data format needs unmarshalType, a class of " + UNMARSHAL_PACKAGE
                        + "* (without it Jackson makes maps of whatever the answer holds)");
            }
            String cls = type.getValue().strip();
            if (!cls.startsWith(UNMARSHAL_PACKAGE) || cls.substring(UNMARSHAL_PACKAGE.length()).contains(".")) {
                throw refuse(type, "unmarshalType '" + cls + "' is not allowed: answers are read into classes of "
                        + UNMARSHAL_PACKAGE + "* only (e.g. io.pinconv.pinterest.EventsAnswer)");
            }
            String polymorphic = UnmarshalTypes.polymorphism(cls);
            if (polymorphic != null) {
                throw refuse(type, "unmarshalType '" + cls + "' is not allowed: " + polymorphic);
            }
        }

        private void checkCircuitBreaker(Node at, Node value) {
            if (!(value instanceof MappingNode map)) {
                throw refuse(at, "circuitBreaker needs its settings written out");
            }
            for (NodeTuple t : map.getValue()) {
                if (!BREAKER_KEYS.contains(norm(keyOf(t)))) {
                    throw refuse(t.getKeyNode(), "circuitBreaker with '" + keyOf(t) + "' is not allowed: write its settings"
                            + " in resilience4jConfiguration, in the file, where they can be read");
                }
            }
            if (!(child(map, "id") instanceof ScalarNode)) {
                throw refuse(at, "circuitBreaker needs an id: health, metrics and Hawtio find its breaker by it");
            }
            Node config = child(map, "resilience4jConfiguration");
            if (!(config instanceof MappingNode settings)) {
                throw refuse(at, "circuitBreaker needs resilience4jConfiguration, with"
                        + " throwExceptionWhenHalfOpenOrOpenState: true");
            }
            for (NodeTuple t : settings.getValue()) {
                String option = norm(keyOf(t));
                if (option.equals("ignoreexceptions") || option.equals("recordexceptions")) {
                    throw refuse(t.getKeyNode(), "'" + keyOf(t) + "' is not allowed: Camel takes an ignored or unrecorded"
                            + " exception off the exchange, and the chunk would go on as if Pinterest had answered;"
                            + " let every failure count, and delivery-policy retry it");
                }
            }
            if (!(child(settings, "throwExceptionWhenHalfOpenOrOpenState") instanceof ScalarNode thrown)
                    || !thrown.getValue().strip().equalsIgnoreCase("true")) {
                throw refuse(keyNode(map, "resilience4jConfiguration"), "resilience4jConfiguration needs"
                        + " throwExceptionWhenHalfOpenOrOpenState: true:"
                        + " without it an open breaker lets the chunk through unsent, as if delivered");
            }
            Node fallback = child(map, "onFallback");
            if (fallback != null && !throwsAtTheEnd(child(fallback, "steps"))) {
                throw refuse(keyNode(map, "onFallback"), "an onFallback that does not end with throwException is not allowed: it would"
                        + " swallow the failure and the chunk would count as sent; leave failures to delivery-policy");
            }
        }

        private static boolean throwsAtTheEnd(Node steps) {
            if (!(steps instanceof SequenceNode list) || list.getValue().isEmpty()) {
                return false;
            }
            Node last = list.getValue().get(list.getValue().size() - 1);
            return child(last, "throwException") != null;
        }

        private Refusal refusedLanguage(Node at, String name) {
            return refuse(at, "the '" + name + "' language is not allowed: it can run code or read files; use simple,"
                    + " constant, method (a bean of the service), header, variable or exchangeProperty");
        }

        private void checkUri(Node at, String uri) {
            boolean dynamic = uri.startsWith("${") || uri.startsWith("$simple{") || uri.startsWith("{{");
            if (!dynamic) {
                String scheme = AllowedSchemes.schemeOf(uri);
                if (scheme == null) {
                    throw refuse(at, "endpoint '" + uri + "' names no scheme (an endpoint looked up by name is not"
                            + " allowed): write scheme:path with one of " + AllowedSchemes.LISTED);
                }
                if (!AllowedSchemes.allows(scheme)) {
                    throw refuse(at, "endpoint '" + shortUri(uri) + "' uses the scheme '" + scheme + "', which is not"
                            + " allowed: route files may only use " + AllowedSchemes.LISTED);
                }
                String jdbc = AllowedSchemes.isJdbc(scheme) ? AllowedSchemes.jdbcRefusal(uri) : null;
                if (jdbc != null) {
                    throw refuse(at, "endpoint '" + shortUri(uri) + "' is not allowed: " + jdbc);
                }
            }
            int q = uri.indexOf('?');
            if (q < 0) {
                return;
            }
            // the options are written out even after a dynamic start (${variable.eventsUrl}?...)
            for (String option : uri.substring(q + 1).split("&")) {
                int eq = option.indexOf('=');
                String v = decode(eq < 0 ? "" : option.substring(eq + 1)).strip();
                if (v.startsWith("#")) {
                    checkBean(at, v);
                }
            }
        }

        private void checkBean(Node at, String reference) {
            String name = reference;
            if (reference.startsWith("#")) {
                var m = BEAN_REF.matcher(reference);
                if (!m.matches()) {
                    throw refuse(at, "'" + reference + "' is not allowed: route files may refer to beans by name"
                            + " (#name or #bean:name), not create objects (#class:, #type:, #valueAs...); " + FIX_BEAN);
                }
                name = m.group(2);
            }
            if (name.contains("{{") || name.contains("${")) {
                throw refuse(at, "bean '" + name + "' is not allowed: bean names must be written out in the file,"
                        + " so that they can be checked; " + FIX_BEAN);
            }
            if (!ownBeans.exists(name)) {
                throw refuse(at, "no bean '" + name + "' exists; " + FIX_BEAN);
            }
            if (!ownBeans.isOwn(name)) {
                throw refuse(at, "bean '" + name + "' is not allowed: it is not one of the service's own beans; "
                        + FIX_BEAN);
            }
        }

        /**
         * {@code method: name} is the method language where an expression goes, and a method name under an EIP
         * Camel does not know (it refuses that EIP, naming it): a name that is not a bean is left to Camel, one
         * that is (or that names a class) must be the service's.
         */
        private void checkMethodShorthand(Node at, String name) {
            if (name.contains(".") || name.contains(":") || name.startsWith("#") || ownBeans.exists(name)) {
                checkBean(at, name);
            }
        }

        private void checkClass(Node at, String name) {
            String cls = name.startsWith("#class:") ? name.substring("#class:".length()) : name;
            if (cls.contains(".") && !cls.startsWith(OwnBeans.OWN_PACKAGE) && !VALUE_CLASSES.contains(cls)) {
                throw refuse(at, "class '" + cls + "' is not allowed: route files may only name classes of the"
                        + " service (io.pinconv); refer to one of its beans with ref instead");
            }
        }

        /** Every text of the file: functions, placeholders, object creation and file reading. */
        private void checkText(ScalarNode s) {
            String text = s.getValue();
            String decoded = decode(text).toLowerCase(Locale.ROOT);
            if (decoded.contains("#class:") || decoded.contains("#type:") || decoded.contains("#valueas(")) {
                throw refuse(s, "'" + shortUri(text) + "' is not allowed: route files may not create objects by"
                        + " class (#class:, #type:, #valueAs); " + FIX_BEAN);
            }
            if (text.strip().toLowerCase(Locale.ROOT).startsWith("resource:")) {
                throw refuse(s, "'" + shortUri(text) + "' is not allowed: route files may not load text from"
                        + " other files or the classpath; write the expression in the file");
            }
            if (BEAN_REF.matcher(text.strip()).matches()) {
                checkBean(s, text.strip());
            }
            for (String f : ExpressionScan.simpleFunctions(text)) {
                checkFunction(s, f);
            }
            for (String p : ExpressionScan.placeholders(text)) {
                checkPlaceholder(s, p);
            }
        }

        private void checkFunction(Node at, String function) {
            String f = function.strip();
            String name = functionName(f);
            if (!SIMPLE_FUNCTIONS.contains(name) || CLASS_ACCESS.matcher(f).find() || DATABASE_HANDLE.matcher(f).find()) {
                throw refusedFunction(at, function);
            }
            if (name.equals("bean") && !BEAN_FUNCTIONS.contains(f)) {
                throw refuse(at, "${" + function + "} is not allowed: ${bean:...} may only call " + String.join(", ",
                        BEAN_FUNCTIONS.stream().map(b -> "${" + b + "}").sorted().toList()) + ", written out in full and"
                        + " with nothing chained on the result; call other methods with a bean step");
            }
            if (CONVERSIONS.contains(name)) {
                int open = f.indexOf('(');
                int close = f.lastIndexOf(')');
                String args = open < 0 || close < open ? "" : f.substring(open + 1, close);
                String[] parts = args.split(",");
                String type = parts[parts.length - 1].strip();
                if (!VALUE_CLASSES.contains(type) && !SHORT_VALUE_CLASSES.contains(type)) {
                    throw refuse(at, "${" + function + "} is not allowed: conversions may only be to a value class ("
                            + String.join(", ", SHORT_VALUE_CLASSES.stream().sorted().toList()) + ")");
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

        private Refusal refusedFunction(Node at, String function) {
            return refuse(at, "${" + function + "} is not allowed: simple expressions in route files may read the"
                    + " message (body, headers, variables, exchangeProperty), dates and ids, and convert values;"
                    + " not system properties, the environment, the configuration, the Camel context, classes or"
                    + " database handles; call a method of one of the service's beans with a bean step instead");
        }

        private void checkPlaceholder(Node at, String inside) {
            String name = ExpressionScan.placeholderName(inside);
            boolean parameter = !name.contains(".") && templateParameters.contains(name)
                    && !PROPERTY_FUNCTIONS.contains(name.toLowerCase(Locale.ROOT));
            if (!parameter) {
                throw refuse(at, "{{" + inside + "}} is not allowed: placeholders in route files may only name the"
                        + " parameters of a routeTemplate of the file, never the configuration or the environment"
                        + " (where the secrets are)");
            }
        }

        private void checkLog(Node value) {
            Node message = value instanceof ScalarNode ? value : child(value, "message");
            if (!(message instanceof ScalarNode s)) {
                return;
            }
            for (String f : ExpressionScan.simpleFunctions(s.getValue())) {
                String lower = f.toLowerCase(Locale.ROOT);
                if (!LOG_FUNCTIONS.contains(lower) && LOG_FUNCTION_PREFIXES.stream().noneMatch(lower::startsWith)) {
                    throw refuse(s, "the log message shows ${" + f + "}, which is not allowed: log lines may not"
                            + " show the body, headers or variables (personal data, the Authorization token); use"
                            + " ${routeId}, ${exchangeId}, ${date:...}, ${variable.activation}, ${variable.runId} or"
                            + " ${header.CamelHttpResponseCode}");
                }
            }
        }

        /** Options that would have Camel print exchanges (bodies, headers) on its own. */
        private void checkLogOptions(String key, String k, Node value, String text) {
            if (text == null) {
                return;
            }
            boolean on = text.equalsIgnoreCase("true");
            if ((k.equals("trace") && on) || (k.equals("logexhaustedmessagebody") && on)
                    || (k.equals("logmask") && text.equalsIgnoreCase("false"))) {
                throw refuse(value, "'" + key + ": " + text + "' is not allowed: it would log message bodies and"
                        + " headers (personal data, the Authorization token); remove it");
            }
        }

        private void checkTag(Node node) {
            String tag = node.getTag() == null ? null : node.getTag().getValue();
            if (tag != null && !PLAIN_TAGS.contains(tag)) {
                throw refuse(node, "the YAML tag '" + tag + "' is not allowed: route files are plain YAML");
            }
        }
    }

    private static String keyOf(NodeTuple t) {
        if (t.getKeyNode() instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new Refusal(t.getKeyNode(), "keys must be plain names");
    }

    private static Node child(Node mapping, String key) {
        if (mapping instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s && norm(s.getValue()).equals(norm(key))) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    /** The key node of {@code key} in a mapping (for the line a message names), else the mapping. */
    private static Node keyNode(Node mapping, String key) {
        if (mapping instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s && norm(s.getValue()).equals(norm(key))) {
                    return t.getKeyNode();
                }
            }
        }
        return mapping;
    }

    private static String beforeOptions(String text) {
        int q = text.indexOf('?');
        return q < 0 ? text : text.substring(0, q);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    // a URI's options can hold secrets (a password=...): messages show its start only
    private static String shortUri(String uri) {
        int q = uri.indexOf('?');
        String s = q < 0 ? uri : uri.substring(0, q) + "?...";
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
