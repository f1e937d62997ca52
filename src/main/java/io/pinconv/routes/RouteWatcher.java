package io.pinconv.routes;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * With {@code conversions.routes.watch=true}, a change in the routes folder triggers the same reload as
 * the API. Camel's file watcher reports each file saved; an editor or a copy of several files saves in a
 * burst, so the reload runs once the folder has been quiet for a moment. A reload refused because runs
 * were in progress is tried again later; a broken edit waits for the next change.
 */
@Component
@ConditionalOnProperty(name = RouteFolderSetting.WATCH, havingValue = "true")
public class RouteWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouteWatcher.class);

    private final CamelContext camel;
    private final RouteFolder folder;
    private final RouteReloader reloader;
    private final Duration quiet;
    private final Duration retryBusy;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;
    private FileWatcherResourceReloadStrategy watcher;

    public RouteWatcher(
            CamelContext camel,
            RouteFolder folder,
            RouteReloader reloader,
            @Value("${conversions.routes.watch-quiet-period:2s}") Duration quiet,
            @Value("${conversions.routes.watch-retry:30s}") Duration retryBusy) {
        this.camel = camel;
        this.folder = folder;
        this.reloader = reloader;
        this.quiet = quiet;
        this.retryBusy = retryBusy;
    }

    @Override
    public synchronized void start() {
        if (folder.dir().isEmpty()) {
            log.warn("{}=true but no {} is set: nothing to watch", RouteFolderSetting.WATCH, RouteFolderSetting.FOLDER);
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "routes-reload");
            t.setDaemon(true);
            return t;
        });
        watcher = new FileWatcherResourceReloadStrategy(folder.dir().get().toString());
        watcher.setCamelContext(camel);
        watcher.setFileFilter(f -> f.getName().endsWith(".yaml"));
        watcher.setResourceReload((name, resource) -> changed());
        ServiceHelper.startService(watcher);
        log.info("Watching {} for route changes", folder.dir().get());
    }

    private synchronized void changed() {
        schedule(quiet);
    }

    private synchronized void schedule(Duration after) {
        if (timer == null) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(this::reload, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reload() {
        try {
            RouteReloader.Result r = reloader.reload();
            if (r.outcome() == RouteReloader.Outcome.BUSY) {
                schedule(retryBusy);
            }
        } catch (RuntimeException e) {
            log.warn("Reloading the routes after a change failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (watcher != null) {
            ServiceHelper.stopService(watcher);
            watcher = null;
        }
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return watcher != null;
    }

    @Override
    public int getPhase() {
        // started after Camel (and the routes) are up, stopped before Camel stops
        return Integer.MAX_VALUE - 1;
    }
}
