package io.pinconv.routes;

import io.pinconv.activation.ActivationRoutes;
import io.pinconv.delivery.DeliveryRoutes;
import io.pinconv.routes.RouteFolder.RouteFile;
import io.pinconv.routes.RouteValidator.RoutesRefused;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reloads the routes folder: validates every file first (RouteValidator), and only then swaps the live
 * routes, between runs. A run spans several routes joined by direct: endpoints, so swapping under a run
 * would leave it calling a route that is gone; the swap waits for the inflight repository to be empty.
 *
 * <p>The last files that went live are kept in memory: when the swap itself fails, they are put back.
 */
@Component
public class RouteReloader {

    private static final Logger log = LoggerFactory.getLogger(RouteReloader.class);

    public enum Outcome {
        RELOADED,
        REFUSED,
        BUSY,
        NOT_CONFIGURED,
        FAILED
    }

    public record Result(Outcome outcome, List<String> files, List<String> routes, String error) {

        static Result error(Outcome outcome, String error) {
            return new Result(outcome, List.of(), List.of(), error);
        }
    }

    private final CamelContext camel;
    private final RouteFolder folder;
    private final RouteValidator validator;
    private final ActivationRoutes activations;
    private final DeliveryRoutes deliveries;
    private final Duration waitForRuns;
    // one reload at a time, whether asked for or seen by the watcher
    private final ReentrantLock lock = new ReentrantLock();
    private volatile List<RouteFile> lastGood;

    public RouteReloader(
            CamelContext camel,
            RouteFolder folder,
            RouteValidator validator,
            ActivationRoutes activations,
            DeliveryRoutes deliveries,
            @Value("${conversions.routes.wait-for-runs:30s}") Duration waitForRuns) {
        this.camel = camel;
        this.folder = folder;
        this.validator = validator;
        this.activations = activations;
        this.deliveries = deliveries;
        this.waitForRuns = waitForRuns;
        // what Camel loaded at startup, read right before it: the files to put back if a swap fails
        this.lastGood = folder.dir().isPresent() ? folder.read() : List.of();
    }

    public Result reload() {
        if (folder.dir().isEmpty()) {
            return Result.error(
                    Outcome.NOT_CONFIGURED,
                    "no routes folder is configured: set " + RouteFolderSetting.FOLDER
                            + " to the folder holding the route files (*.yaml) and restart");
        }
        lock.lock();
        try {
            return reloadLocked();
        } finally {
            lock.unlock();
        }
    }

    private Result reloadLocked() {
        List<RouteFile> files;
        List<String> names;
        try {
            files = folder.read();
            names = files.stream().map(RouteFile::name).toList();
            validator.validate(files, check -> {
                deliveries.addRoutesForValidation(check);
                activations.addTriggersForValidation(check);
            });
        } catch (RoutesRefused e) {
            log.warn(
                    "Routes in {} not reloaded, the running routes keep running: {}",
                    folder.dir().get(),
                    e.getMessage());
            return Result.error(Outcome.REFUSED, e.getMessage());
        } catch (RuntimeException e) {
            log.warn(
                    "Routes in {} not reloaded, the running routes keep running: {}",
                    folder.dir().get(),
                    e.getMessage());
            return Result.error(Outcome.REFUSED, e.getMessage());
        }
        if (!waitUntilNoRun()) {
            log.warn(
                    "Routes in {} not reloaded: runs still in progress after {}s; try again when they end",
                    folder.dir().get(),
                    waitForRuns.toSeconds());
            return Result.error(Outcome.BUSY, "runs in progress, try again (the routes are swapped only between runs)");
        }
        try {
            List<String> routes = swap(files);
            lastGood = files;
            log.info(
                    "Routes reloaded from {}: {} ({} routes)",
                    folder.dir().get(),
                    String.join(", ", names),
                    routes.size());
            return new Result(Outcome.RELOADED, names, routes, null);
        } catch (RunStartedMeanwhile e) {
            log.warn(
                    "Routes in {} not reloaded: a run started while the triggers were being removed; try again when it ends",
                    folder.dir().get());
            return Result.error(Outcome.BUSY, "runs in progress, try again (the routes are swapped only between runs)");
        } catch (Exception e) {
            String why =
                    RouteProblems.describe(e, camel.getCamelContextExtension().getContextPlugin(Model.class));
            try {
                swap(lastGood);
                log.error(
                        "Routes in {} could not go live ({}); the previous routes were put back",
                        folder.dir().get(),
                        why);
                return Result.error(Outcome.FAILED, why + "; the previous routes were put back");
            } catch (Exception again) {
                log.error(
                        "Routes in {} could not go live ({}), and putting the previous routes back failed too: {}",
                        folder.dir().get(),
                        why,
                        RouteProblems.describe(again, null));
                return Result.error(
                        Outcome.FAILED,
                        why + "; putting the previous routes back failed too: " + RouteProblems.describe(again, null));
            }
        }
    }

    /** A run started between the first wait and the removal of the triggers, and outlasted the second wait. */
    private static final class RunStartedMeanwhile extends Exception {
        RunStartedMeanwhile() {
            super(null, null, false, false);
        }
    }

    private boolean waitUntilNoRun() {
        long deadline = System.nanoTime() + waitForRuns.toNanos();
        while (camel.getInflightRepository().size() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Removes every route, route configuration and template, then loads the files and adds the triggers
     * again. The triggers go first: no scheduled run starts while the rest is replaced.
     */
    private List<String> swap(List<RouteFile> files) throws Exception {
        // cheap, and it covers the files put back after a failed swap: they were read at startup, not validated here
        RouteFileText.check(files);
        ModelCamelContext model = (ModelCamelContext) camel;
        List<RouteDefinition> routes = new ArrayList<>(model.getRouteDefinitions());
        // the triggers only: the deliver-to routes (templated too) serve the runs still in flight until the swap
        List<RouteDefinition> triggers = routes.stream()
                .filter(r -> Boolean.TRUE.equals(r.isTemplate()) && ActivationRoutes.isTrigger(r.getRouteId()))
                .toList();
        model.removeRouteDefinitions(triggers);
        routes.removeAll(triggers);
        // a run asked for through the API in the meantime holds the old routes: it is finished first, or, if it
        // outlasts the wait, the triggers come back and nothing is swapped under it
        if (!waitUntilNoRun()) {
            activations.addTriggers(camel);
            throw new RunStartedMeanwhile();
        }
        model.removeRouteDefinitions(routes);
        // routes that were never model routes (none today) would otherwise keep old direct: consumers
        for (Route r : new ArrayList<>(camel.getRoutes())) {
            camel.getRouteController().stopRoute(r.getRouteId());
            camel.removeRoute(r.getRouteId());
        }
        for (RouteConfigurationDefinition rc : new ArrayList<>(model.getRouteConfigurationDefinitions())) {
            model.removeRouteConfiguration(rc);
        }
        model.removeRouteTemplateDefinitions("*");
        PluginHelper.getRoutesLoader(camel)
                .loadRoutes(files.stream().map(RouteFile::resource).toList());
        deliveries.addRoutes(camel);
        activations.addTriggers(camel);
        return camel.getRoutes().stream().map(Route::getRouteId).sorted().toList();
    }
}
