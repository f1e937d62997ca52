package io.pinconv.routes;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.type.MethodMetadata;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionOperations;

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
        return definition != null && madeByUs(definition) && !givesAccess(name, definition);
    }

    /**
     * Beans of the service that a route step has no business calling: its connection pools and JDBC templates
     * (any SQL, the database's credentials), its transactions, its segment sources, and the beans of its logins,
     * admin API, route checks and configuration. The service declares its pools itself, so they would pass as "its own".
     */
    private boolean givesAccess(String name, BeanDefinition definition) {
        Class<?> type = typeOf(name);
        if (type != null && OFF_LIMITS_TYPES.stream().anyMatch(t -> t.isAssignableFrom(type))) {
            return true;
        }
        String declaring = declaringClass(definition);
        return declaring != null && OFF_LIMITS_PACKAGES.stream().anyMatch(declaring::startsWith);
    }

    private static final List<Class<?>> OFF_LIMITS_TYPES = List.of(
            DataSource.class,
            JdbcOperations.class,
            NamedParameterJdbcOperations.class,
            TransactionManager.class,
            TransactionOperations.class);
    private static final List<String> OFF_LIMITS_PACKAGES = List.of(
            OWN_PACKAGE + "security.",
            OWN_PACKAGE + "egress.",
            OWN_PACKAGE + "api.",
            OWN_PACKAGE + "routes.",
            OWN_PACKAGE + "config.",
            // the pools of the segment sources: a route reads a source only through the statement a run built
            OWN_PACKAGE + "source.");

    private Class<?> typeOf(String name) {
        try {
            return beans.getType(name, false);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The class a bean comes from: its own, or the one declaring its @Bean method. */
    private String declaringClass(BeanDefinition d) {
        if (d instanceof AnnotatedBeanDefinition annotated && annotated.getFactoryMethodMetadata() != null) {
            return annotated.getFactoryMethodMetadata().getDeclaringClassName();
        }
        if (d.getFactoryBeanName() != null) {
            BeanDefinition factory = definition(d.getFactoryBeanName());
            return factory == null ? null : factory.getBeanClassName();
        }
        return d.getBeanClassName();
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
