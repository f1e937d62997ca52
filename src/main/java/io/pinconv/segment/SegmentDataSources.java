package io.pinconv.segment;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two pools on the one configured database. PostgreSQL streams a result set only inside a transaction
 * (autocommit off, a fetch size), so segments are read through a pool of their own, read-only with
 * autocommit off; the state (ledger, rejections, runs) is written through the ordinary pool.
 */
@Configuration(proxyBeanMethods = false)
public class SegmentDataSources {

    /** Rows fetched per round trip while streaming a segment. */
    public static final int FETCH_SIZE = 1000;

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(DataSourceProperties properties) {
        HikariDataSource ds = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        ds.setPoolName("state");
        named(ds, properties, "pinterest-conversions state");
        return ds;
    }

    @Bean
    public HikariDataSource segmentDataSource(DataSourceProperties properties) {
        HikariDataSource ds = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        ds.setPoolName("segment-reader");
        ds.setAutoCommit(false);
        ds.setReadOnly(true);
        ds.setMaximumPoolSize(4);
        ds.setMinimumIdle(0);
        if (properties.determineUrl() != null && properties.determineUrl().startsWith("jdbc:postgresql:")) {
            // a segment is read once per run: a server-prepared statement gains nothing, and after five
            // runs PostgreSQL may switch it to a generic plan, blind to the window and account values,
            // that anti-joins the ledger row by row (minutes instead of a second, seen in PackagedJarIT)
            ds.addDataSourceProperty("prepareThreshold", "0");
        }
        named(ds, properties, "pinterest-conversions segment reader");
        return ds;
    }

    /**
     * The pool's name in PostgreSQL's pg_stat_activity (application_name): a DBA, and the throughput
     * benchmark, can tell the segment reads from the state writes, and what each costs the database.
     */
    private static void named(HikariDataSource ds, DataSourceProperties properties, String name) {
        String url = properties.determineUrl();
        if (url != null && url.startsWith("jdbc:postgresql:") && !url.contains("ApplicationName=")) {
            ds.addDataSourceProperty("ApplicationName", name);
        }
    }

    /**
     * The segment pool as route files reach it ({@code jdbc:segmentReads}): it prepares only the statements a
     * run built (see SegmentReads). Not a HikariDataSource: nothing in a route may reconfigure the pool.
     */
    @Bean
    public SegmentReads segmentReads(@Qualifier("segmentDataSource") DataSource segmentDataSource) {
        return new SegmentReads(segmentDataSource);
    }

    @Bean
    public JdbcTemplate segmentJdbc(@Qualifier("segmentDataSource") DataSource segmentDataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(segmentDataSource);
        jdbc.setFetchSize(FETCH_SIZE);
        return jdbc;
    }

    @Bean
    @Primary
    public JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }
}
