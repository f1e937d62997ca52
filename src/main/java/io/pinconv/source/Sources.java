package io.pinconv.source;

import io.micrometer.core.instrument.MeterRegistry;
import io.pinconv.config.ActivationProperties;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.SourceProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The sources of {@code conversions.sources}, checked at start and each given its own read-only pool. Any setting
 * that cannot work (a URL no dialect is written for, a driver that is not there, a bad timeout, an activation
 * naming a source that does not exist) stops the start with what to fix; a source that does not answer does not.
 * Passwords ({@code conversions.sources.<id>.password}) are bound here, apart from the other settings, and go
 * nowhere but into their pool.
 */
@Component
public class Sources implements DisposableBean {

    static final String PREFIX = "conversions.sources";

    private final Map<String, Source> byId;

    @Autowired
    public Sources(ConversionsProperties properties, Environment environment, ObjectProvider<MeterRegistry> meters) {
        this(
                properties.sources(),
                properties.activations(),
                passwords(properties.sources().keySet(), environment),
                meters.getIfAvailable());
    }

    Sources(
            Map<String, SourceProperties> sources,
            Map<String, ActivationProperties> activations,
            Map<String, String> passwords) {
        this(sources, activations, passwords, null);
    }

    /** @param meters where the pools' metrics go (hikaricp_*, pool "source-{id}"), or null for none */
    Sources(
            Map<String, SourceProperties> sources,
            Map<String, ActivationProperties> activations,
            Map<String, String> passwords,
            MeterRegistry meters) {
        List<String> problems = new ArrayList<>();
        Map<String, SourceDrivers.Result> drivers = new LinkedHashMap<>();
        sources.forEach((id, source) -> {
            List<String> p = new ArrayList<>(source.problems());
            if (p.stream().noneMatch(s -> s.startsWith("url"))) {
                SourceDrivers.Result driver = SourceDrivers.resolve(source);
                if (driver.problem() != null) {
                    p.add(driver.problem());
                } else {
                    drivers.put(id, driver);
                }
            }
            p.forEach(s -> problems.add("source '" + id + "': " + s));
        });
        activations.forEach((id, activation) -> {
            String source = activation.source();
            if (source == null || source.isBlank()) {
                return;
            }
            if (!sources.containsKey(source.strip())) {
                problems.add("activation '" + id + "': source '" + source + "' is not under conversions.sources ("
                        + (sources.isEmpty()
                                ? "none is configured"
                                : "configured: " + String.join(", ", sources.keySet()))
                        + ")");
            }
        });
        if (!problems.isEmpty()) {
            throw new MisconfiguredSourceException(problems);
        }
        Map<String, Source> built = new LinkedHashMap<>();
        drivers.forEach((id, driver) -> {
            try {
                built.put(
                        id,
                        new Source(
                                id,
                                sources.get(id),
                                passwords.get(id),
                                driver.dialect(),
                                driver.driverClass(),
                                meters));
            } catch (RuntimeException e) {
                // Hikari's message: a driver that does not accept the URL, say; it names no password
                problems.add("source '" + id + "': its pool cannot be made: " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            built.values().forEach(Source::close);
            throw new MisconfiguredSourceException(problems);
        }
        this.byId = Map.copyOf(built);
    }

    static Map<String, String> passwords(Set<String> ids, Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, String> found = new LinkedHashMap<>();
        for (String id : ids) {
            binder.bind(PREFIX + "." + id + ".password", Bindable.of(String.class))
                    .ifBound(password -> found.put(id, password));
        }
        return found;
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    /** The source of that id. */
    public Source get(String id) {
        Source source = byId.get(id);
        if (source == null) {
            throw new NoSuchElementException("no source '" + id + "' under conversions.sources");
        }
        return source;
    }

    /** Whether each source answers now, by id. */
    public Map<String, SourceStatus> probeAll() {
        Map<String, SourceStatus> statuses = new LinkedHashMap<>();
        byId.forEach((id, source) -> statuses.put(id, source.probe()));
        return statuses;
    }

    @Override
    public void destroy() {
        byId.values().forEach(Source::close);
    }

    @Override
    public String toString() {
        return "Sources" + byId.keySet();
    }
}
