package io.pinconv.routes;

import io.pinconv.egress.HttpEgressGuard;
import io.pinconv.routes.RouteFolder.RouteFile;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.spi.BeanRepository;
import org.apache.camel.support.DefaultRegistry;
import org.apache.camel.support.PluginHelper;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Builds the routes of a folder in a throwaway CamelContext before anything live changes. Its routes are
 * created (beans looked up, expressions parsed, endpoints and their options resolved) but never started:
 * the context does not start routes, and its quartz endpoints store their jobs in a scheduler of its own,
 * in memory and never started, so neither the shared job store nor a firing is touched. The files' text is
 * checked first (RouteFileText), then what Camel loaded from them, before any route is created
 * (RouteModelCheck, RouteContract); the context holds the live one's guards (RouteGuards).
 */
@org.springframework.stereotype.Component
public class RouteValidator {

    private final CamelContext live;
    private final OwnBeans beans;
    private final HttpEgressGuard egress;

    public RouteValidator(CamelContext live, ConfigurableListableBeanFactory beans, HttpEgressGuard egress) {
        this.egress = egress;
        this.beans = new OwnBeans(beans);
        this.live = live;
    }

    /** A refused set of files, with one readable line saying where and why. */
    public static class RoutesRefused extends Exception {
        public RoutesRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param addTriggers instantiates the templates as the service will, in the context it is given
     * @return the ids of the routes the files (and the triggers) make
     */
    public List<String> validate(List<RouteFile> files, Consumer<CamelContext> addTriggers) throws RoutesRefused {
        // the text first: loading a file runs part of it (beans: are created), even in a throwaway context
        RouteFileText.check(files);
        DefaultCamelContext check = new DefaultCamelContext(false);
        Scheduler scheduler = null;
        try {
            check.getCamelContextExtension().setName("route-validation-" + UUID.randomUUID());
            check.getCamelContextExtension().setRegistry(new DefaultRegistry(new LiveBeans(live)));
            check.setSourceLocationEnabled(true);
            // routes created, consumers not started
            check.setAutoStartup(false);
            check.disableJMX();
            scheduler = memoryScheduler();
            QuartzComponent quartz = new QuartzComponent(check);
            quartz.setScheduler(scheduler);
            quartz.setAutoStartScheduler(false);
            quartz.setPrefixInstanceName(false);
            check.addComponent("quartz", quartz);
            check.build();
            RouteGuards.install(check, egress);
            try {
                for (RouteFile f : files) {
                    load(check, f);
                }
            } catch (RoutesRefused e) {
                throw e;
            } catch (Exception | Error e) {
                throw new RoutesRefused(RouteProblems.describe(e, check), e);
            }
            // what Camel built, before any of it is created: a route's endpoints and beans are made when it starts
            Model model = check.getCamelContextExtension().getContextPlugin(Model.class);
            new RouteModelCheck(beans).check(model, files);
            new RouteContract().check(model);
            try {
                check.start();
                addTriggers.accept(check);
            } catch (Exception | Error e) {
                throw new RoutesRefused(RouteProblems.describe(e, check), e);
            }
            return check.getRoutes().stream().map(Route::getRouteId).sorted().toList();
        } catch (SchedulerException e) {
            throw new IllegalStateException(
                    "cannot create the scheduler routes are checked with: " + e.getMessage(), e);
        } finally {
            try {
                check.stop();
            } catch (RuntimeException ignored) {
                // a context that failed half-way may fail to stop too; it holds nothing live
            }
            if (scheduler != null) {
                try {
                    scheduler.shutdown(false);
                } catch (SchedulerException ignored) {
                    // in memory, never started
                }
            }
        }
    }

    /** One file at a time, so that a failure Camel gives no location for still names its file. */
    private static void load(DefaultCamelContext check, RouteFile f) throws Exception {
        try {
            PluginHelper.getRoutesLoader(check).loadRoutes(List.of(f.resource()));
        } catch (Exception | Error e) {
            String why = RouteProblems.describe(e, check);
            throw new RoutesRefused(
                    why.matches("^[^ ]+:\\d+: .*")
                            ? why
                            : f.name() + ": Camel cannot read this file (" + why
                                    + "); compare it with the packaged route files",
                    e);
        }
    }

    private static Scheduler memoryScheduler() throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "route-validation-" + UUID.randomUUID());
        p.setProperty("org.quartz.scheduler.instanceId", "validation");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        return new StdSchedulerFactory(p).getScheduler();
    }

    /**
     * The application's beans, so that {@code ref: outcomeRecorder} is checked against the real ones. Camel
     * components are left out: the throwaway context makes its own, and stopping it must not stop the
     * live ones (Camel looks a component up by name in the registry before creating one).
     */
    private record LiveBeans(CamelContext live) implements BeanRepository {

        @Override
        public Object lookupByName(String name) {
            Object bean = live.getRegistry().lookupByName(name);
            return usable(bean) ? bean : null;
        }

        @Override
        public <T> T lookupByNameAndType(String name, Class<T> type) {
            if (Component.class.isAssignableFrom(type) || CamelContext.class.isAssignableFrom(type)) {
                return null;
            }
            T bean = live.getRegistry().lookupByNameAndType(name, type);
            return usable(bean) ? bean : null;
        }

        // no lookup by type: Camel would autowire live services (components, thread pools...) with it
        @Override
        public <T> Map<String, T> findByTypeWithName(Class<T> type) {
            return Collections.emptyMap();
        }

        @Override
        public <T> Set<T> findByType(Class<T> type) {
            return Collections.emptySet();
        }

        private static boolean usable(Object bean) {
            return bean != null
                    && !(bean instanceof Component)
                    && !(bean instanceof CamelContext)
                    && !(bean instanceof Service);
        }
    }
}
