package io.pinconv.source;

import io.pinconv.config.SourceProperties;
import io.pinconv.segment.Dialect;
import java.sql.Driver;
import java.util.Optional;

/**
 * Which engine a source's URL names and whether its driver is there: checked at start, so that a missing jar is a
 * message naming the jar rather than "No suitable driver" at the first run.
 */
public final class SourceDrivers {

    private SourceDrivers() {}

    /** The dialect of the source's engine, or the problem to report (naming the key to fix). */
    public static Result resolve(SourceProperties source) {
        Optional<Dialect> dialect = Dialect.forUrl(source.url());
        if (dialect.isEmpty()) {
            String prefix = source.url().replaceFirst("^(jdbc:[^:/;]*:?).*$", "$1");
            return Result.problem("url names an engine no dialect is written for (" + prefix + "); the engines are "
                    + Dialect.urlPrefixes());
        }
        Dialect d = dialect.get();
        String driverClass = source.driverClass() != null ? source.driverClass() : d.driverClass();
        try {
            Class<?> driver = Class.forName(driverClass, false, classLoader());
            if (!Driver.class.isAssignableFrom(driver)) {
                return Result.problem("driver-class " + driverClass + " is not a JDBC driver (java.sql.Driver)");
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return Result.problem("the " + d.engine() + " driver (" + driverClass + ") is not on the class path: put"
                    + " the jar of " + d.driverArtifact() + " in the drivers/ folder the service is started with"
                    + " (java -Dloader.path=drivers/ -cp the jar org.springframework.boot.loader.launch.PropertiesLauncher), see"
                    + " docs/sources.md"
                    + (source.driverClass() != null ? ", or correct driver-class" : ""));
        }
        return new Result(d, driverClass, null);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SourceDrivers.class.getClassLoader();
    }

    /** A source's dialect and driver class, or why there is none. */
    public record Result(Dialect dialect, String driverClass, String problem) {
        static Result problem(String problem) {
            return new Result(null, null, problem);
        }
    }
}
