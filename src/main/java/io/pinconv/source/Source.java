package io.pinconv.source;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.util.DriverDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinconv.config.SourceProperties;
import io.pinconv.segment.Dialect;
import io.pinconv.segment.SegmentQuery;
import io.pinconv.segment.TimeKind;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * One configured source: its dialect and its own read-only pool. The pool connects lazily (a source down at start
 * does not stop the service); {@link #probe} tells whether it answers and, the first time it does, takes the
 * identifier quote the driver reports. The password lives in the pool's configuration only.
 */
public final class Source implements AutoCloseable {

    /** How long taking a connection may wait, the source's connect included. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private final String id;
    private final SourceProperties properties;
    private final String password;
    private final HikariDataSource pool;
    private volatile Dialect dialect;

    Source(
            String id,
            SourceProperties properties,
            String password,
            Dialect dialect,
            String driverClass,
            MeterRegistry meters) {
        this.id = id;
        this.properties = properties;
        this.password = password;
        this.dialect = dialect.inZone(properties.zone());
        HikariConfig config = poolConfig(id, properties, password, this.dialect, driverClass);
        if (meters != null) {
            // the pool's connections in use, waits and time-outs, as the state's pools have them (pool source-{id})
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        this.pool = new HikariDataSource(config);
    }

    /**
     * The pool's settings: read only; autocommit off where the engine streams only inside a transaction; each
     * session put in the source's zone (and read only, where the driver does not do it) as it opens; the dialect's
     * driver properties under the source's own.
     */
    static HikariConfig poolConfig(
            String id, SourceProperties p, String password, Dialect dialect, String driverClass) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("source-" + id);
        Properties driverProperties = new Properties();
        driverProperties.putAll(dialect.sessionDriverProperties());
        driverProperties.putAll(p.properties());
        String username = p.username() == null || p.username().isBlank() ? null : p.username();
        // the login stays with the driver's data source: Hikari's own configuration never holds the password
        DriverDataSource driver = new DriverDataSource(
                p.url(),
                driverClass,
                driverProperties,
                username,
                password == null || password.isEmpty() ? null : password);
        c.setDataSource(new SessionSetup(driver, dialect.sessionStatements()));
        c.setReadOnly(true);
        c.setAutoCommit(!dialect.transactions());
        c.setMaximumPoolSize(p.maxConnections());
        c.setMinimumIdle(0);
        // how long a run (or a probe) waits for a connection, a source that is down included: Hikari's 30 s would
        // hold health checks that long
        c.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        // start without a connection: a source down at start leaves its activations unhealthy, not the service down
        c.setInitializationFailTimeout(-1);
        return c;
    }

    public String id() {
        return id;
    }

    /** The engine's dialect, with the driver's identifier quote once a connection has told it. */
    public Dialect dialect() {
        return dialect;
    }

    /** Rows per round trip while streaming a segment. */
    public int fetchSize() {
        return properties.fetchSize();
    }

    /** What each statement is given as {@code Statement.setQueryTimeout}. */
    public int queryTimeoutSeconds() {
        return (int) Math.min(Integer.MAX_VALUE, properties.queryTimeout().toSeconds());
    }

    /**
     * The pool, for the service's own reads of this source. Not for route files as is: they should reach it
     * only through a guard that prepares nothing but the statement a run built, as SegmentReads does for the
     * state database's segments.
     */
    public DataSource pool() {
        return pool;
    }

    /**
     * A column of a segment in this source: its name and type as the engine reports them, its kind of time, and
     * whether its values can be a cursor's position (kept, bound back and compared exactly).
     */
    public record Column(String name, String typeName, TimeKind kind, boolean orders) {}

    /** Binary floats, booleans, binary data and structures: no exact position to read past. */
    static boolean orders(int jdbcType) {
        return switch (jdbcType) {
            case Types.FLOAT,
                    Types.REAL,
                    Types.DOUBLE,
                    Types.BOOLEAN,
                    Types.BIT,
                    Types.BINARY,
                    Types.VARBINARY,
                    Types.LONGVARBINARY,
                    Types.BLOB,
                    Types.CLOB,
                    Types.NCLOB,
                    Types.ARRAY,
                    Types.STRUCT,
                    Types.JAVA_OBJECT,
                    Types.SQLXML -> false;
            default -> true;
        };
    }

    /**
     * The columns of a table or view of this source, from a statement that reads no row.
     *
     * @throws IllegalArgumentException when the name is not one the engine takes
     * @throws SQLException             when the source cannot describe it (missing, no grant, down)
     */
    public List<Column> describe(String table) throws SQLException {
        String sql = SegmentQuery.describe(table, dialect);
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Column> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String type = md.getColumnTypeName(i);
                    int jdbcType = md.getColumnType(i);
                    columns.add(
                            new Column(md.getColumnLabel(i), type, dialect.timeKind(type, jdbcType), orders(jdbcType)));
                }
                return columns;
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            }
        }
    }

    /** Opens a connection (or takes an idle one) and reads what the driver says of the server. */
    public SourceStatus probe() {
        try (Connection c = pool.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            dialect = dialect.withQuote(md.getIdentifierQuoteString());
            return new SourceStatus(
                    id,
                    dialect.engine(),
                    properties.safeUrl(),
                    true,
                    md.getDatabaseProductName() + " " + md.getDatabaseProductVersion(),
                    null);
        } catch (SQLException | RuntimeException e) {
            return new SourceStatus(id, dialect.engine(), properties.safeUrl(), false, null, scrubbed(e));
        }
    }

    /**
     * When a failure to read this source is the source not answering (down, unreachable, refusing the login) rather
     * than something the segment's configuration can fix: the driver's words, without the password. A source that
     * does not answer may answer later, so its activations wait for it; a missing table or column will not fix itself.
     */
    public Optional<String> notAnswering(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            boolean connection = t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException
                    || t instanceof UnknownHostException
                    // SQL states 08 (connection exception) and 28 (invalid authorization)
                    || (t instanceof SQLException sql
                            && sql.getSQLState() != null
                            && (sql.getSQLState().startsWith("08")
                                    || sql.getSQLState().startsWith("28")));
            if (connection) {
                return Optional.of(scrubbed(failure));
            }
        }
        return Optional.empty();
    }

    /** The failure's message, with the password cut out should a driver ever repeat it. */
    private String scrubbed(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() + (root != e ? " (" + root.getMessage() + ")" : "");
        return password == null || password.isEmpty() ? message : message.replace(password, "***");
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "Source[" + id + ", " + dialect.engine() + ", " + properties.safeUrl() + "]";
    }
}
