package io.pinconv.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Repository;

/**
 * One run of an activation at a time, whoever starts it (its schedule on any instance, or a request):
 * a PostgreSQL advisory lock held on a connection of its own for the length of the run. If the
 * process dies, the connection closes and the lock goes with it: nothing to clean up. The demo runs on
 * PostgreSQL too, so it takes the same lock.
 */
@Repository
public class RunLocks {

    /** A held lock; closing it releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final DataSource dataSource;

    public RunLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock of this activation, or null when another run holds it. */
    public Held tryLock(String activationId) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("no connection for the run lock", e);
        }
        try {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
                ps.setString(1, "pinterest-conversions:run:" + activationId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        connection.close();
                        return null;
                    }
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return () -> {
                try (connection;
                        PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                    ps.setString(1, "pinterest-conversions:run:" + activationId);
                    ps.execute();
                } catch (SQLException e) {
                    // the connection is gone, and the lock with it
                }
            };
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing what failed
            }
            throw new CannotGetJdbcConnectionException("could not take the run lock", e);
        }
    }
}
