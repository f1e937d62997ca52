package io.pinconv.health;

import io.pinconv.activation.ActivationCatalog;
import io.pinconv.ledger.ActivationStates;
import io.pinconv.ledger.ActivationTotals;
import io.pinconv.ledger.AlertConditions;
import io.pinconv.ledger.RunSummary;
import io.pinconv.ledger.Runs;
import io.pinconv.monitoring.Alerts;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Each activation's health in JMX, for Hawtio (the design card's monitor), which otherwise shows a run that held back
 * every row, or failed, as an exchange completed: {@code io.pinconv:context=<camel>,type=activations,name=<id>},
 * read-only attributes computed when read (its state, its last run, the last day's failed runs, deliveries and
 * held-back rows, the alerts in force, what to fix). Never a token nor a row.
 */
@Component
public class ActivationBeans implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ActivationBeans.class);

    /** What Hawtio's JMX tree shows of one activation. */
    public interface ActivationHealthMBean {
        String getState();

        String getLastRunStatus();

        String getLastRunStartedAt();

        String getLastRunFailure();

        long getRunsFailedLastDay();

        long getDeliveredLastDay();

        long getHeldBackLastDay();

        String[] getAlertsInForce();

        String[] getProblems();
    }

    private final ActivationCatalog catalog;
    private final ActivationStates states;
    private final Runs runs;
    private final ActivationTotals totals;
    private final AlertConditions alerts;
    private final CamelContext camel;
    private final Clock clock;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Set<ObjectName> registered = new LinkedHashSet<>();

    public ActivationBeans(
            ActivationCatalog catalog,
            ActivationStates states,
            Runs runs,
            ActivationTotals totals,
            AlertConditions alerts,
            CamelContext camel,
            Clock clock) {
        this.catalog = catalog;
        this.states = states;
        this.runs = runs;
        this.totals = totals;
        this.alerts = alerts;
        this.camel = camel;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void register() {
        Set<String> ids = new LinkedHashSet<>();
        catalog.scheduled().forEach(s -> ids.add(s.id()));
        ids.addAll(catalog.problems().keySet());
        for (String id : ids) {
            try {
                ObjectName name = new ObjectName("io.pinconv:context=" + ObjectName.quote(camel.getManagementName())
                        + ",type=activations,name=" + ObjectName.quote(id));
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
                server.registerMBean(new StandardMBean(new View(id), ActivationHealthMBean.class), name);
                registered.add(name);
            } catch (JMException e) {
                log.warn("Activation '{}' could not be shown in JMX: {}", id, e.getMessage());
            }
        }
    }

    @Override
    public synchronized void destroy() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                // gone already
            }
        }
        registered.clear();
    }

    /** One activation's attributes, read from the catalog and the run history each time Hawtio asks. */
    private final class View implements ActivationHealthMBean {

        private final String id;

        View(String id) {
            this.id = id;
        }

        private RunSummary last() {
            List<RunSummary> last = runs.recent(id, 1);
            return last.isEmpty() ? null : last.get(0);
        }

        @Override
        public String getState() {
            if (catalog.problems().containsKey(id)) {
                return "misconfigured";
            }
            if (catalog.waiting().containsKey(id)) {
                return "waiting-for-source";
            }
            if (states.isPaused(id)) {
                return "paused";
            }
            RunSummary last = last();
            return last != null && "failed".equals(last.status()) ? "failing" : "active";
        }

        @Override
        public String getLastRunStatus() {
            RunSummary last = last();
            return last == null ? "none" : last.status();
        }

        @Override
        public String getLastRunStartedAt() {
            RunSummary last = last();
            return last == null ? null : last.startedAt().toString();
        }

        @Override
        public String getLastRunFailure() {
            RunSummary last = last();
            return last == null ? null : last.failure();
        }

        @Override
        public long getRunsFailedLastDay() {
            return day().failedRuns();
        }

        @Override
        public long getDeliveredLastDay() {
            return day().delivered();
        }

        @Override
        public long getHeldBackLastDay() {
            return day().heldBack();
        }

        private ActivationTotals.Totals day() {
            return totals.since(id, clock.instant().minus(Duration.ofDays(1)));
        }

        @Override
        public String[] getAlertsInForce() {
            return alerts.open().stream()
                    .filter(o ->
                            o.scope().equals(Alerts.ACTIVATION) && o.ownerId().equals(id))
                    .map(o -> o.kind() + (o.subject().isEmpty() ? "" : " " + o.subject()) + ": " + o.message())
                    .toArray(String[]::new);
        }

        @Override
        public String[] getProblems() {
            List<String> p = new ArrayList<>(catalog.problems().getOrDefault(id, List.of()));
            String waiting = catalog.waiting().get(id);
            if (waiting != null) {
                p.add(waiting);
            }
            return p.toArray(String[]::new);
        }
    }
}
