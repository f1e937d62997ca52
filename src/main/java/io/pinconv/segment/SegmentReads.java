package io.pinconv.segment;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool route files reach through {@code jdbc:segmentReads}: the segment's read-only, autocommit-off pool,
 * whose connections prepare only a statement SegmentQuery built for a run, once. A route file is edited by
 * operators; without this, naming the jdbc component would let one put any SQL in a body and run it with
 * the service's credentials. Permits are single-use, so a statement cannot be replayed by a second poll.
 */
public final class SegmentReads implements DataSource {

    private static final String REFUSED = "segment reads run only the SELECT the service built for a run";

    /** Rows per round trip reading a segment of the service's own database. */
    public static final int FETCH_SIZE = 1000;

    private final DataSource pool;
    /** each permitted text, with the pool it is to run on (the service's own segment pool, or a source's) */
    private final Map<String, Allowed> permitted = new ConcurrentHashMap<>();

    /** Where a permitted statement runs, and how many rows it fetches per round trip. */
    private record Allowed(DataSource on, int fetchSize) {}

    public SegmentReads(DataSource pool) {
        this.pool = pool;
    }

    /**
     * Lets the next connection prepare this exact text, once.
     *
     * @return the permit, to withdraw when the run ends whether or not the statement was prepared
     */
    public Permit permit(String sql) {
        return permit(sql, pool, FETCH_SIZE);
    }

    /**
     * Lets the next connection prepare this exact text, once, on that pool (a source's), fetching that many rows per
     * round trip: the connection route files get is opened on the pool of the statement it prepares.
     */
    public Permit permit(String sql, DataSource on, int fetchSize) {
        permitted.put(sql, new Allowed(on, fetchSize));
        return () -> permitted.remove(sql);
    }

    /** A statement allowed once; withdrawing it after use does nothing. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A connection that opens on the pool of the statement it is asked to prepare, and only then: until that, it
     * holds nothing (camel-jdbc asks for a connection before it prepares the run's statement).
     */
    @Override
    public Connection getConnection() throws SQLException {
        return guarded();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("segment reads use the service's own login");
    }

    private Connection guarded() {
        return (Connection) Proxy.newProxyInstance(
                SegmentReads.class.getClassLoader(), new Class<?>[] {Connection.class}, new Guard());
    }

    /** What a connection of this pool refuses: all but preparing a permitted statement and reading it. */
    private final class Guard implements InvocationHandler {

        /** opened on the first statement prepared, on its pool */
        private Connection connection;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement" -> {
                    String sql = (String) args[0];
                    Allowed allowed = permitted.remove(sql);
                    if (allowed == null || connection != null) {
                        throw new SQLException(
                                REFUSED + "; this one was not built for a run in progress (or was run" + " already): "
                                        + head(sql),
                                "42501");
                    }
                    connection = allowed.on().getConnection();
                    // streamed a fetch at a time, not read whole into memory; a route's statement.fetchSize, set
                    // after this, still has the last word
                    PreparedStatement statement = (PreparedStatement) invokeOnConnection(method, args);
                    statement.setFetchSize(allowed.fetchSize());
                    return statement;
                }
                // a Statement takes any text, a callable statement any function: neither is a segment's SELECT
                case "createStatement", "prepareCall" ->
                    throw new SQLException(
                            REFUSED
                                    + "; it takes no other statement (use the jdbc endpoint with useHeadersAsParameters=true)",
                            "42501");
                // PostgreSQL streams a result set only inside the transaction that opened it: a commit there ends
                // the read midway (camel-jdbc commits right after executing unless resetAutoCommit=false)
                case "commit", "setAutoCommit" -> {
                    if (!method.getName().equals("setAutoCommit") || Boolean.TRUE.equals(args[0])) {
                        throw new SQLException(
                                "segment reads stream inside one read-only transaction that must stay open"
                                        + " until the run has read the rows; set resetAutoCommit=false on the jdbc endpoint",
                                "25000");
                    }
                }
                case "setReadOnly" -> {
                    if (Boolean.FALSE.equals(args[0])) {
                        throw new SQLException("segment reads are read-only", "25006");
                    }
                }
                // the connection underneath would take any statement
                case "unwrap", "setSchema", "setCatalog" -> throw new SQLException(REFUSED, "42501");
                case "isWrapperFor" -> {
                    return false;
                }
                default -> {}
            }
            if (connection == null) {
                return unopened(proxy, method, args);
            }
            return invokeOnConnection(method, args);
        }

        private Object invokeOnConnection(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** What a connection that has prepared nothing yet answers: it is open, and holds nothing to close. */
    private static Object unopened(Object proxy, Method method, Object[] args) throws SQLException {
        return switch (method.getName()) {
            case "close", "setAutoCommit", "setReadOnly", "clearWarnings", "rollback" -> null;
            case "isClosed", "getAutoCommit" -> false;
            case "isReadOnly" -> true;
            case "getWarnings" -> null;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "segment read (no statement prepared yet)";
            default ->
                throw new SQLException(
                        "segment reads open their connection on the statement a run built; prepare it first ("
                                + method.getName() + ")",
                        "42501");
        };
    }

    /** Messages show where a refused statement starts, not the whole of it. */
    private static String head(String sql) {
        String oneLine = sql == null ? "" : sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException(REFUSED, "42501");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
