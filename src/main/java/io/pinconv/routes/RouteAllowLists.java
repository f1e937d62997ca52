package io.pinconv.routes;

import java.util.Set;
import java.util.regex.Pattern;

/** What a route file may name, option by option: the allow-lists RouteModelCheck holds every node to. */
final class RouteAllowLists {

    private RouteAllowLists() {}

    /** Simple functions route files may use, by name (what comes before {@code . [ ( :} or {@code ?}). */
    static final Set<String> SIMPLE_FUNCTIONS = Set.of(
            "body",
            "in",
            "header",
            "headers",
            "variable",
            "variables",
            "exchangeproperty",
            "date",
            "date-with-timezone",
            "routeid",
            "stepid",
            "exchangeid",
            "id",
            "camelid",
            "threadname",
            "messagetimestamp",
            "random",
            "null",
            "exception",
            "collate",
            "skip",
            "join",
            "empty",
            "size",
            "length",
            "trim",
            "lowercase",
            "uppercase",
            "substring",
            "substringbefore",
            "substringafter",
            "iif",
            "concat",
            "replace",
            "split",
            "isempty",
            "isalpha",
            "isnumeric",
            "bodyas",
            "mandatorybodyas",
            "headeras",
            "variableas",
            "exchangepropertyas",
            "convertto",
            "bean",
            "bodyoneline",
            "uuid");

    static final Set<String> CONVERSIONS =
            Set.of("bodyas", "mandatorybodyas", "headeras", "variableas", "exchangepropertyas", "convertto");
    static final Set<String> BEAN_FUNCTIONS = Set.of("bean:requestRefusals?method=halves");
    static final Set<String> LANGUAGES =
            Set.of("simple", "constant", "bean", "method", "header", "variable", "exchangeproperty");
    /** JDK value types a conversion may name: loading them runs nothing. */
    static final Set<String> VALUE_CLASSES = Set.of(
            "java.lang.String",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Boolean",
            "java.lang.Double",
            "java.math.BigDecimal",
            "java.util.List",
            "java.util.Map",
            "java.io.InputStream",
            "String",
            "Integer",
            "Long",
            "Boolean",
            "Double",
            "BigDecimal",
            "int",
            "long",
            "boolean",
            "double",
            "byte[]");
    /** Exceptions an onException or doCatch may name: any Throwable, loaded without running its static code. */
    static final Set<String> EXCEPTION_KEYS = Set.of("exceptions");
    /** Options whose value is the name of a bean. */
    static final Set<String> BEAN_KEYS = Set.of(
            "ref",
            "executorservice",
            "aggregationstrategy",
            "aggregatecontroller",
            "timeoutcheckerexecutorservice",
            "onprepare",
            "onredelivery",
            "onexceptionoccurred",
            "idempotentrepository",
            "aggregationrepository",
            "logger",
            "exchangeformatter",
            "routepolicy",
            "resumestrategy",
            "comparator",
            "headerfilterstrategy",
            "circuitbreaker",
            "config",
            "processor",
            "bulkheadexecutorservice",
            "timeoutexecutorservice",
            "timeoutscheduledexecutorservice");
    /** Options whose value is a class name. */
    static final Set<String> CLASS_KEYS = Set.of(
            "type",
            "beantype",
            "beantypename",
            "unmarshaltypename",
            "classname",
            "classtype",
            "collectiontypename",
            "exceptiontype",
            "partclass",
            "builderclass",
            "moduleclassnames",
            "instanceclass",
            "resulttypename",
            "jsonview",
            "collectiontype");

    static final Set<String> LOG_FUNCTIONS = Set.of(
            "routeid",
            "routegroup",
            "stepid",
            "exchangeid",
            "id",
            "camelid",
            "threadname",
            "variable.activation",
            "variable.run.id",
            "header.camelhttpresponsecode");
    static final Pattern CLASS_ACCESS = Pattern.compile("(?i)(\\.\\s*class\\b|getclass|forname|classloader)");
    /** For one step the body is camel-jdbc's open cursor: a driver value leads to a connection that takes any SQL. */
    static final Pattern DATABASE_HANDLE =
            Pattern.compile("(?i)\\.\\s*(get)?(connection|statement|resultset|metadata)\\b");
}
