package io.pinconv.activation;

import java.util.Properties;
import org.springframework.boot.autoconfigure.quartz.JobStoreType;
import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.stereotype.Component;

/**
 * With the JDBC job store, Quartz runs clustered: instances with the same scheduler name on one
 * database share the schedule, each firing runs on one of them, and the triggers of an instance that
 * died are taken over. The tables are created by Flyway (V5), in the service's schema.
 */
@Component
public class QuartzCluster implements SchedulerFactoryBeanCustomizer {

    private final QuartzProperties quartz;

    public QuartzCluster(QuartzProperties quartz) {
        this.quartz = quartz;
    }

    @Override
    public void customize(SchedulerFactoryBean factory) {
        Properties p = new Properties();
        p.putAll(quartz.getProperties());
        p.putIfAbsent("org.quartz.threadPool.threadCount", "4");
        // a firing held up by a long run of the same activation is a misfire: it runs once afterwards
        p.putIfAbsent("org.quartz.jobStore.misfireThreshold", "1000");
        if (quartz.getJobStoreType() == JobStoreType.JDBC) {
            p.putIfAbsent("org.quartz.jobStore.isClustered", "true");
            p.putIfAbsent("org.quartz.jobStore.clusterCheckinInterval", "5000");
            p.putIfAbsent("org.quartz.jobStore.tablePrefix", "conversions.qrtz_");
            p.putIfAbsent("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            p.putIfAbsent("org.quartz.scheduler.instanceId", "AUTO");
        }
        factory.setQuartzProperties(p);
    }
}
