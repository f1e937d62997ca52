package io.pinconv.routes;

import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.OnFallbackDefinition;
import org.apache.camel.model.ThrowExceptionDefinition;
import org.apache.camel.model.UnmarshalDefinition;
import org.apache.camel.model.dataformat.JsonDataFormat;
import org.apache.camel.model.dataformat.JsonLibrary;

/**
 * The two EIPs of the delivery a route file could turn against its promises: an unmarshal that picks the class
 * an answer is read into, and a circuit breaker that takes a failure off the exchange (the chunk would go on as
 * if delivered). RouteModelCheck asks these rules of every such node.
 */
final class EipRules {

    private EipRules() {}

    /** Null, or why the unmarshal step is refused. */
    static String unmarshal(UnmarshalDefinition u) {
        if (!(u.getDataFormatType() instanceof JsonDataFormat json)) {
            return RouteRule.UNMARSHAL.say("only the json data format is allowed");
        }
        if (json.getLibrary() != JsonLibrary.Jackson) {
            return RouteRule.UNMARSHAL.say("the json data format must say library: Jackson");
        }
        if (json.getAllowUnmarshallType() != null
                || json.getAllowJmsType() != null
                || json.getModuleClassNames() != null
                || json.getModuleRefs() != null
                || json.getObjectMapper() != null) {
            return RouteRule.UNMARSHAL.say("only library and unmarshalType may be set: a header would"
                    + " name the class, or modules and mappers of the file's choosing would read the answer");
        }
        String type = json.getUnmarshalTypeName();
        if (type == null
                || !type.startsWith(UnmarshalTypes.PACKAGE)
                || type.substring(UnmarshalTypes.PACKAGE.length()).contains(".")) {
            return RouteRule.UNMARSHAL.say("unmarshalType '" + type + "' is not allowed: answers are read"
                    + " into classes of " + UnmarshalTypes.PACKAGE + "* only");
        }
        String polymorphic = UnmarshalTypes.polymorphism(type);
        if (polymorphic != null) {
            return RouteRule.UNMARSHAL.say("unmarshalType '" + type + "' is not allowed: " + polymorphic);
        }
        return null;
    }

    /** Null, or why the circuit breaker is refused. */
    static String breaker(CircuitBreakerDefinition b) {
        var settings = b.getResilience4jConfiguration();
        if (b.getId() == null) {
            return "circuitBreaker needs an id: health, metrics and Hawtio find its breaker by it";
        }
        if (b.getConfiguration() != null
                || settings == null
                || !"true"
                        .equalsIgnoreCase(
                                settings.getThrowExceptionWhenHalfOpenOrOpenState() == null
                                        ? ""
                                        : settings.getThrowExceptionWhenHalfOpenOrOpenState()
                                                .strip())) {
            return RouteRule.BREAKER.say(
                    "circuitBreaker needs its settings in resilience4jConfiguration,"
                            + " with throwExceptionWhenHalfOpenOrOpenState: true (an open breaker would let the chunk through unsent)");
        }
        if (!settings.getIgnoreExceptions().isEmpty()
                || !settings.getRecordExceptions().isEmpty()) {
            return RouteRule.BREAKER.say("ignoreExceptions and recordExceptions are not allowed");
        }
        OnFallbackDefinition fallback = b.getOnFallback();
        if (fallback != null
                && (fallback.getOutputs().isEmpty()
                        || !(fallback.getOutputs().get(fallback.getOutputs().size() - 1)
                                instanceof ThrowExceptionDefinition))) {
            return RouteRule.BREAKER.say("an onFallback that does not end with throwException is not allowed");
        }
        return null;
    }
}
