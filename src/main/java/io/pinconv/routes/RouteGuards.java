package io.pinconv.routes;

import io.pinconv.egress.HttpEgressGuard;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * What every Camel context of the service holds before any route is loaded in it: the endpoint guard (schemes,
 * bean options, the egress guard in each HTTP client), placeholders that name template parameters only, and no
 * conversion of text into files. Installed as the CamelContext bean is made, so that it does not depend on
 * the order in which Spring and Camel hand out their start-up events (with two application contexts in one
 * JVM, the second one's Camel was seen started before the refresh event that installed them); RouteStartupChecks
 * and RouteValidator install them too, once per context.
 */
@Component
public class RouteGuards implements BeanPostProcessor {

    private static final Map<CamelContext, Boolean> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

    private final ObjectProvider<HttpEgressGuard> egress;

    public RouteGuards(ObjectProvider<HttpEgressGuard> egress) {
        this.egress = egress;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof CamelContext camel) {
            // the guard is a bean made from the configuration: looked up when the first http client is built
            install(camel, builder -> egress.getObject().configureHttpClient(builder));
        }
        return bean;
    }

    static void install(CamelContext camel, HttpClientConfigurer egress) {
        if (INSTALLED.putIfAbsent(camel, Boolean.TRUE) == null) {
            EndpointSchemeGuard.install(camel, egress);
            TemplateParametersOnly.install(camel);
            LocalFilesUnreadable.install(camel);
        }
    }
}
