package io.pinconv.routes;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.type.MethodMetadata;

/**
 * Which beans a route file may name: the service's own, i.e. of a class in {@code io.pinconv} or made by
 * an {@code @Bean} method declared in {@code io.pinconv} (chunkWorkers is a JDK executor, yet ours).
 * Decided from Spring's bean definitions, so that a new bean of the service needs no list kept in step,
 * and the beans of libraries (the DataSource, Camel's components, the Quartz scheduler...) stay out of
 * reach of the files.
 */
final class OwnBeans {

    static final String OWN_PACKAGE = "io.pinconv.";

    private final ConfigurableListableBeanFactory beans;

    OwnBeans(ConfigurableListableBeanFactory beans) {
        this.beans = beans;
    }

    /** Any bean, the service's or not: Spring's own singletons (systemProperties, environment...) included. */
    boolean exists(String name) {
        return name != null && !name.isBlank() && beans.containsBean(name);
    }

    boolean isOwn(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        BeanDefinition definition = definition(name);
        return definition != null && madeByUs(definition);
    }

    private boolean madeByUs(BeanDefinition d) {
        if (d.getFactoryMethodName() == null) {
            return ours(d.getBeanClassName());
        }
        // an @Bean method: the class that declares it, whatever the type it returns
        if (d instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata method = annotated.getFactoryMethodMetadata();
            if (method != null) {
                return ours(method.getDeclaringClassName());
            }
        }
        if (d.getFactoryBeanName() != null) {
            BeanDefinition factory = definition(d.getFactoryBeanName());
            return factory != null && factory.getFactoryMethodName() == null && ours(factory.getBeanClassName());
        }
        // a static factory method: the bean class is the class declaring it
        return ours(d.getBeanClassName());
    }

    private BeanDefinition definition(String name) {
        try {
            return beans.getBeanDefinition(name);
        } catch (NoSuchBeanDefinitionException e) {
            return null;
        }
    }

    private static boolean ours(String className) {
        return className != null && className.startsWith(OWN_PACKAGE);
    }
}
