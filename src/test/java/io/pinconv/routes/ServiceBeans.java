package io.pinconv.routes;

import java.util.List;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.GenericBeanDefinition;
import org.springframework.beans.factory.support.RootBeanDefinition;

/** The bean definitions of the service as Spring registers them, plus a few library beans no route may reach. */
final class ServiceBeans {

    static final List<Class<?>> OWN = List.of(
            io.pinconv.delivery.PinterestRequests.class,
            io.pinconv.delivery.DryRunSink.class,
            io.pinconv.delivery.RequestRefusals.class,
            io.pinconv.delivery.OutcomeRecorder.class,
            io.pinconv.delivery.DestinationGuard.class,
            io.pinconv.pinterest.ResponseReader.class,
            io.pinconv.activation.RunLifecycle.class,
            io.pinconv.activation.SegmentPoll.class,
            io.pinconv.activation.BatchCursor.class,
            io.pinconv.activation.Firings.class,
            io.pinconv.activation.ChunkPreparer.class,
            io.pinconv.delivery.DeliveryFailures.class,
            io.pinconv.pinterest.PinterestHeaderFilter.class,
            io.pinconv.activation.SkipDelivered.class,
            io.pinconv.activation.HeldRows.class);

    private ServiceBeans() {}

    /** The egress guard of a service with no destination: it allows no host. */
    static io.pinconv.egress.HttpEgressGuard egress() {
        var none = new io.pinconv.config.ConversionsProperties(null, null, null);
        return new io.pinconv.egress.HttpEgressGuard(
                new io.pinconv.egress.EgressPolicy(none, List.of()),
                io.pinconv.egress.AccessTokens.of(java.util.Map.of()));
    }

    static String beanName(Class<?> c) {
        return Character.toLowerCase(c.getSimpleName().charAt(0))
                + c.getSimpleName().substring(1);
    }

    static DefaultListableBeanFactory definitions() {
        DefaultListableBeanFactory f = new DefaultListableBeanFactory();
        for (Class<?> c : OWN) {
            f.registerBeanDefinition(beanName(c), new RootBeanDefinition(c));
        }
        // an @Bean method of the service returning a JDK type: ours all the same
        f.registerBeanDefinition(
                "chunkWorkersConfig", new RootBeanDefinition(io.pinconv.activation.ChunkWorkersConfig.class));
        RootBeanDefinition workers = new RootBeanDefinition();
        workers.setFactoryBeanName("chunkWorkersConfig");
        workers.setFactoryMethodName("chunkWorkers");
        f.registerBeanDefinition("chunkWorkers", workers);
        f.registerBeanDefinition(
                "deliveryRetriesConfig", new RootBeanDefinition(io.pinconv.delivery.DeliveryRetriesConfig.class));
        RootBeanDefinition retries = new RootBeanDefinition();
        retries.setFactoryBeanName("deliveryRetriesConfig");
        retries.setFactoryMethodName("deliveryRetries");
        f.registerBeanDefinition("deliveryRetries", retries);
        // the service's own pools and templates: declared by it, yet no route may reach them
        f.registerBeanDefinition(
                "segmentDataSources", new RootBeanDefinition(io.pinconv.segment.SegmentDataSources.class));
        for (String pool : List.of("segmentJdbc", "segmentDataSource", "segmentReads", "jdbcTemplate")) {
            RootBeanDefinition d = new RootBeanDefinition();
            d.setFactoryBeanName("segmentDataSources");
            d.setFactoryMethodName(pool);
            f.registerBeanDefinition(pool, d);
        }
        // the beans of its logins
        f.registerBeanDefinition("loginAttempts", new RootBeanDefinition(io.pinconv.security.LoginAttempts.class));
        f.registerBeanDefinition("sources", new RootBeanDefinition(io.pinconv.source.Sources.class));
        // library beans: a class outside io.pinconv, and an @Bean method of a library configuration
        GenericBeanDefinition dataSource = new GenericBeanDefinition();
        dataSource.setBeanClassName("com.zaxxer.hikari.HikariDataSource");
        f.registerBeanDefinition("dataSource", dataSource);
        GenericBeanDefinition quartzConfig = new GenericBeanDefinition();
        quartzConfig.setBeanClassName("org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration");
        f.registerBeanDefinition("quartzAutoConfiguration", quartzConfig);
        GenericBeanDefinition scheduler = new GenericBeanDefinition();
        scheduler.setFactoryBeanName("quartzAutoConfiguration");
        scheduler.setFactoryMethodName("quartzScheduler");
        f.registerBeanDefinition("quartzScheduler", scheduler);
        return f;
    }
}
