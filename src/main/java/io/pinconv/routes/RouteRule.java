package io.pinconv.routes;

import java.util.Locale;

/** The refusals of RouteModelCheck, and what each one tells the operator to do. */
enum RouteRule {
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
    NO_BEAN("no bean '%s' exists; " + RouteRule.FIX_BEAN),
    NOT_OWN_BEAN("bean '%s' is not allowed: it is not one of the service's own beans; " + RouteRule.FIX_BEAN),
    CLASS("class '%s' is not allowed: route files may only name classes of the service (io.pinconv) and value"
            + " classes; refer to one of its beans with ref instead"),
    ENDPOINT_BEAN("endpoint '%s' is not allowed: its options name a bean or make an object (%s); endpoint options"
            + " in route files are values, the only bean they may name is headerFilterStrategy=#pinterestHeaderFilter"),
    SCHEME("endpoint '%s' %s"),
    LOG("the log message shows ${%s}, which is not allowed: log lines may not show the body, headers or variables"
            + " (personal data, the Authorization token); use ${routeId}, ${exchangeId}, ${date:...},"
            + " ${variable.activation}, ${variable.run.id} or ${header.CamelHttpResponseCode}"),
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

    RouteRule(String message) {
        this.message = message;
    }

    String say(Object... args) {
        return String.format(Locale.ROOT, message, args);
    }
}
