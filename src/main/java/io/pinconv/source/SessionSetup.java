package io.pinconv.source;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The driver's connections, each set up by the dialect's session statements before the pool hands it out (the
 * zone, read only where the driver's setReadOnly sends nothing). Hikari runs one init statement only; a source
 * may need two, and joining them would need a driver's multi-statement mode, which is not to be on for a pool
 * whose SQL a run builds.
 */
final class SessionSetup implements DataSource {

    private final DataSource driver;
    private final List<String> statements;

    SessionSetup(DataSource driver, List<String> statements) {
        this.driver = driver;
        this.statements = List.copyOf(statements);
    }

    List<String> statements() {
        return statements;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = driver.getConnection();
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a source's pool connects with its own login");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("a source's connections are reached through its pool only");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public String toString() {
        return "SessionSetup" + statements;
    }
}
