package io.pinconv.health;

import io.pinconv.activation.ActivationCatalog;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness (/actuator/health/readiness): the service is ready when Camel has started and the
 * scheduler that fires the activations runs. An orchestrator sends no traffic before that.
 */
@Component("schedules")
public class SchedulesHealth implements HealthIndicator {

    private final CamelContext camel;
    private final ActivationCatalog catalog;

    public SchedulesHealth(CamelContext camel, ActivationCatalog catalog) {
        this.camel = camel;
        this.catalog = catalog;
    }

    @Override
    public Health health() {
        if (!camel.isStarted()) {
            return Health.outOfService()
                    .withDetail("camel", camel.getStatus().name())
                    .build();
        }
        if (catalog.scheduled().isEmpty()) {
            // nothing to schedule: Camel starts the scheduler with the first trigger
            return Health.up().build();
        }
        try {
            QuartzComponent quartz = camel.getComponent("quartz", QuartzComponent.class);
            Scheduler scheduler = quartz == null ? null : quartz.getScheduler();
            if (scheduler == null || !scheduler.isStarted() || scheduler.isInStandbyMode() || scheduler.isShutdown()) {
                return Health.outOfService()
                        .withDetail("scheduler", "not running")
                        .build();
            }
        } catch (SchedulerException e) {
            return Health.outOfService().withDetail("scheduler", "unreadable").build();
        }
        return Health.up().build();
    }
}
