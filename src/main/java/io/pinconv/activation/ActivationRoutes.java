package io.pinconv.activation;

import io.pinconv.config.ScheduleProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One trigger route per ready activation, from the {@code activation-trigger} template of
 * routes/activation.yaml, added once the YAML routes (and so the template) are loaded. When that is, and
 * what must be in place before (the destinations' routes), is decided above, in the routes package: this
 * class knows nothing of deliveries.
 */
@Component
public class ActivationRoutes {

    public static final String TEMPLATE = "activation-trigger";

    private static final String VALIDATION_ID = "route-validation";

    /**
     * The template's step ids name the activation already (routes/activation.yaml). Without a prefix of its own
     * Camel gives each route made from a template one ("route-7"), which JMX counts the steps under and Hawtio's
     * diagram, drawn from the unprefixed ids, never finds: every step read 0.
     */
    private static final String NO_PREFIX = "";

    private static final Logger log = LoggerFactory.getLogger(ActivationRoutes.class);

    private final ActivationCatalog catalog;

    public ActivationRoutes(ActivationCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * At startup: the trigger of every ready activation, each logged with what it sends where, and of every one
     * waiting for its source (it runs once the source answers).
     */
    public void scheduleReady(CamelContext camelContext) {
        Map<String, String> waiting = catalog.waiting();
        for (ActivationCatalog.Scheduled s : catalog.scheduled()) {
            addTrigger(camelContext, s.id(), s.schedule());
            Activation activation = catalog.find(s.id()).orElse(null);
            if (activation == null) {
                log.info("Activation '{}' scheduled ({}), waiting: {}", s.id(), s.schedule(), waiting.get(s.id()));
                continue;
            }
            log.info(
                    "Activation '{}' scheduled ({}): segment {} -> {} events -> destination '{}'{}",
                    activation.id(),
                    activation.schedule(),
                    activation.segment(),
                    activation.eventType(),
                    activation.destinationId(),
                    activation.destination().dryRun()
                            ? " (dry run)"
                            : activation.destination().testMode() ? " (test mode)" : "");
        }
    }

    /**
     * To be called only with every trigger route in place: Quartz fires the firings missed while the service
     * was down as it starts, and Camel finds no route for a firing whose route is not there yet (the firing is lost).
     */
    public static void startScheduler(CamelContext camelContext) {
        try {
            Scheduler scheduler =
                    camelContext.getComponent("quartz", QuartzComponent.class).getScheduler();
            if (scheduler != null && !scheduler.isStarted()) {
                scheduler.start();
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("the activations' schedules cannot start: " + e.getMessage(), e);
        }
    }

    /**
     * Adds the trigger of every ready activation again, after a reload replaced the template. Removing a
     * quartz route leaves its job in the clustered job store (Camel deletes it only from a store that is
     * not clustered, which this one always is); adding the route finds it and reschedules it only if the
     * trigger changed, so the schedules, and the other instances' firings, survive a reload.
     */
    public List<String> addTriggers(CamelContext camelContext) {
        List<String> ids = new ArrayList<>();
        for (ActivationCatalog.Scheduled s : catalog.scheduled()) {
            addTrigger(camelContext, s.id(), s.schedule());
            ids.add(routeId(s.id()));
        }
        return ids;
    }

    /**
     * Instantiates the template as {@link #addTriggers} would, in a context that checks routes before they
     * go live: with each ready activation's real parameters, or once with a schedule that never fires when
     * none is ready, so that a broken template is refused even then.
     */
    public void addTriggersForValidation(CamelContext camelContext) {
        List<ActivationCatalog.Scheduled> scheduled = catalog.scheduled();
        if (scheduled.isEmpty()) {
            TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
                    .routeId(routeId(VALIDATION_ID))
                    .prefixId(NO_PREFIX)
                    .parameter("activationId", VALIDATION_ID)
                    .parameter("trigger", "cron=0+0+0+1+1+?+2099&trigger.misfireInstruction=1")
                    .add();
            return;
        }
        for (ActivationCatalog.Scheduled s : scheduled) {
            addTrigger(camelContext, s.id(), s.schedule());
        }
    }

    /**
     * Instances of a cluster starting together race to store the same Quartz job; the one that loses
     * finds it stored a moment later and shares it.
     */
    private static void addTrigger(CamelContext camelContext, String id, ScheduleProperties schedule) {
        for (int attempt = 1; ; attempt++) {
            try {
                TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
                        .routeId(routeId(id))
                        .prefixId(NO_PREFIX)
                        .parameter("activationId", id)
                        .parameter("trigger", triggerOptions(schedule))
                        .add();
                return;
            } catch (RuntimeException e) {
                if (attempt >= 5 || !storedByAnotherInstance(e)) {
                    throw e;
                }
                if (camelContext.getRoute(routeId(id)) != null) {
                    try {
                        camelContext.removeRoute(routeId(id));
                    } catch (Exception ignored) {
                        // not created: nothing to remove
                    }
                }
                log.info("Activation '{}': another instance is storing its schedule; trying again", id);
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean storedByAnotherInstance(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ObjectAlreadyExistsException
                    || (t.getMessage() != null
                            && t.getMessage().contains("duplicate key")
                            && t.getMessage().contains("qrtz_"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The job store outlives configurations: triggers of activations removed, renamed or disabled would
     * go on firing. They are removed before the ready ones are scheduled.
     */
    public void forgetTriggersOfRemovedActivations(CamelContext camelContext) {
        // resolved through Camel so that this works whichever scheduler the quartz component was given
        try {
            Scheduler scheduler =
                    camelContext.getComponent("quartz", QuartzComponent.class).getScheduler();
            if (scheduler == null) {
                return;
            }
            for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals("activations"))) {
                // only activations no longer configured (or disabled): one that this instance finds
                // misconfigured, perhaps for a moment, keeps its schedule for the other instances
                if (catalog.find(job.getName()).isEmpty()
                        && !catalog.problems().containsKey(job.getName())
                        && !catalog.waiting().containsKey(job.getName())) {
                    scheduler.deleteJob(job);
                    log.info("Removed the schedule of '{}', an activation no longer ready", job.getName());
                }
            }
        } catch (SchedulerException e) {
            log.warn("Could not look for schedules of removed activations: {}", e.getMessage());
        }
    }

    /**
     * The Quartz endpoint options of a schedule. A firing missed while the service was down, or while a
     * long run blocked the next one, runs once: never once per missed firing.
     */
    static String triggerOptions(ScheduleProperties schedule) {
        StringBuilder o = new StringBuilder();
        if (schedule.every() != null) {
            // SimpleTrigger MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT
            o.append("trigger.repeatInterval=")
                    .append(schedule.every().toMillis())
                    .append("&trigger.repeatCount=-1&trigger.misfireInstruction=2");
        } else {
            // CronTrigger MISFIRE_INSTRUCTION_FIRE_ONCE_NOW
            o.append("cron=").append(schedule.cron().strip().replace(' ', '+')).append("&trigger.misfireInstruction=1");
        }
        if (schedule.timezone() != null) {
            o.append("&trigger.timeZone=").append(schedule.timezone());
        }
        return o.toString();
    }

    public static String routeId(String activationId) {
        return "activation-" + activationId;
    }

    /** Whether a route is one of the triggers this class adds (and a reload removes first). */
    public static boolean isTrigger(String routeId) {
        return routeId != null && routeId.startsWith("activation-");
    }
}
