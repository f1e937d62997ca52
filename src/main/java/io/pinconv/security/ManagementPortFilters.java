package io.pinconv.security;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The filters in front of the management port, when {@code management.server.port} gives it one of its own (the
 * actuator, Hawtio and Jolokia move there). Spring Boot hands that port's server the security chain only (and
 * with it the cross-site check and the body limit); {@link MalformedPaths} has to come before that chain, where
 * a {@code //} path fails with a stack trace, so it is registered there again.
 *
 * <p>Listed in META-INF/spring/...ManagementContextConfiguration.imports; component scanning finds it in the
 * service's own context too, where {@link SecurityConfig} registers the filter already, hence the condition.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Conditional(ManagementPortFilters.InChildContext.class)
class ManagementPortFilters {

    @Bean
    FilterRegistrationBean<MalformedPaths> managementMalformedPaths() {
        FilterRegistrationBean<MalformedPaths> bean = new FilterRegistrationBean<>(new MalformedPaths());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    /** The management port's context is a child of the service's; the service's own has no parent. */
    static class InChildContext implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null;
        }
    }
}
