package io.pinconv.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The pool route files reach: it prepares the statements a run was permitted, each once, and nothing else. */
class SegmentReadsTest {

    static final String SELECT = "/* pinterest-conversions run 7 */ SELECT s.\"email\" AS \"em\" FROM shop.buyers s";

    /** What reached the connection underneath. */
    final List<String> reached = new ArrayList<>();

    final SegmentReads reads = new SegmentReads(pool());

    DataSource pool() {
        Connection connection = (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    reached.add(method.getName() + (args == null || args.length == 0 ? "" : " " + args[0]));
                    if (method.getName().equals("prepareStatement")) {
                        return Proxy.newProxyInstance(
                                getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                                    reached.add("statement." + m.getName() + (a == null ? "" : " " + a[0]));
                                    return null;
                                });
                    }
                    return method.getReturnType() == boolean.class ? false : null;
                });
        return (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? connection : null);
    }

    @Test
    void preparesAPermittedStatementOnce() throws Exception {
        reads.permit(SELECT);
        try (Connection c = reads.getConnection()) {
            assertThat(c.prepareStatement(SELECT)).isNotNull();
            assertThatThrownBy(() -> c.prepareStatement(SELECT))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("was not built for a run in progress (or was run already)");
        }
        // streamed 1,000 rows at a time, whatever the route file says (it may say more)
        assertThat(reached)
                .containsExactly(
                        "prepareStatement " + SELECT, "statement.setFetchSize " + SegmentReads.FETCH_SIZE, "close");
    }

    @Test
    void refusesAnyOtherStatement() throws Exception {
        reads.permit(SELECT);
        try (Connection c = reads.getConnection()) {
            assertThatThrownBy(() -> c.prepareStatement("DELETE FROM conversions.delivered_event"))
                    .isInstanceOf(SQLException.class)
                    .hasMessage(
                            "segment reads run only the SELECT the service built for a run; this one was not built for"
                                    + " a run in progress (or was run already): DELETE FROM conversions.delivered_event");
            // the permitted text with anything added is another statement
            assertThatThrownBy(() -> c.prepareStatement(SELECT + "; DROP TABLE shop.buyers"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(c::createStatement).hasMessageContaining("it takes no other statement");
            assertThatThrownBy(() -> c.prepareCall("{call pg_terminate_backend(1)}"))
                    .hasMessageContaining("it takes no other statement");
            assertThatThrownBy(() -> c.unwrap(Connection.class)).isInstanceOf(SQLException.class);
            assertThat(c.isWrapperFor(Connection.class)).isFalse();
        }
        // a connection opens on the statement it prepares: none was opened for the refused ones
        assertThat(reached).isEmpty();
    }

    @Test
    void aStatementPermittedOnASourcesPoolIsPreparedThereAndNowhereElse() throws Exception {
        List<String> own = new ArrayList<>(reached);
        SegmentReadsTest source = new SegmentReadsTest();
        reads.permit(SELECT, source.pool(), 250);
        try (Connection c = reads.getConnection()) {
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(c.prepareStatement(SELECT)).isNotNull();
        }
        // the source's fetch-size
        assertThat(source.reached).containsExactly("prepareStatement " + SELECT, "statement.setFetchSize 250", "close");
        assertThat(reached).isEqualTo(own);
    }

    @Test
    void aWithdrawnPermitNoLongerPrepares() throws Exception {
        reads.permit(SELECT).close();
        try (Connection c = reads.getConnection()) {
            assertThatThrownBy(() -> c.prepareStatement(SELECT)).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void theReadStaysOneReadOnlyTransaction() throws Exception {
        reads.permit(SELECT);
        try (Connection c = reads.getConnection()) {
            c.prepareStatement(SELECT);
            c.setAutoCommit(false);
            c.setReadOnly(true);
            assertThatThrownBy(c::commit).hasMessageContaining("set resetAutoCommit=false on the jdbc endpoint");
            assertThatThrownBy(() -> c.setAutoCommit(true)).hasMessageContaining("one read-only transaction");
            assertThatThrownBy(() -> c.setReadOnly(false)).hasMessage("segment reads are read-only");
            c.rollback();
        }
        assertThat(reached)
                .containsExactly(
                        "prepareStatement " + SELECT,
                        "statement.setFetchSize 1000",
                        "setAutoCommit false",
                        "setReadOnly true",
                        "rollback",
                        "close");
        assertThatThrownBy(() -> reads.unwrap(DataSource.class)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> reads.getConnection("postgres", "x")).isInstanceOf(SQLException.class);
    }
}
