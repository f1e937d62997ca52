package io.pinconv.segment;

import java.time.ZoneOffset;
import java.util.Map;

/**
 * The engines a segment can be read in, each described as data: its URL, driver, quoting, names, session statements,
 * how it binds an instant, and the type names whose kind of time is not what their JDBC type says. Read through
 * {@link Dialect}'s constants, which are these.
 */
final class Engines {

    private Engines() {}

    private static final Map<String, TimeKind> PG_TYPES = Map.ofEntries(
            Map.entry("timestamptz", TimeKind.INSTANT),
            Map.entry("timestamp with time zone", TimeKind.INSTANT),
            Map.entry("timestamp", TimeKind.WALL_CLOCK),
            Map.entry("timestamp without time zone", TimeKind.WALL_CLOCK),
            Map.entry("date", TimeKind.DATE),
            Map.entry("int2", TimeKind.EPOCH_NUMBER),
            Map.entry("int4", TimeKind.EPOCH_NUMBER),
            Map.entry("int8", TimeKind.EPOCH_NUMBER),
            Map.entry("int", TimeKind.EPOCH_NUMBER),
            Map.entry("integer", TimeKind.EPOCH_NUMBER),
            Map.entry("bigint", TimeKind.EPOCH_NUMBER),
            Map.entry("numeric", TimeKind.EPOCH_NUMBER),
            Map.entry("decimal", TimeKind.EPOCH_NUMBER),
            Map.entry("float4", TimeKind.EPOCH_NUMBER),
            Map.entry("float8", TimeKind.EPOCH_NUMBER),
            Map.entry("real", TimeKind.EPOCH_NUMBER),
            Map.entry("double precision", TimeKind.EPOCH_NUMBER),
            Map.entry("serial", TimeKind.EPOCH_NUMBER),
            Map.entry("bigserial", TimeKind.EPOCH_NUMBER),
            // names pgjdbc never reports (it says int2, float8) but format_type does: text, as they always were here
            Map.entry("smallint", TimeKind.TEXT),
            Map.entry("tinyint", TimeKind.TEXT),
            Map.entry("number", TimeKind.TEXT),
            Map.entry("double", TimeKind.TEXT),
            Map.entry("datetime", TimeKind.TEXT));

    static final Dialect POSTGRESQL = new Dialect(
            "PostgreSQL",
            "jdbc:postgresql:",
            "org.postgresql.Driver",
            "org.postgresql:postgresql",
            "\"",
            3,
            false,
            "varchar",
            "SET TIME ZONE '%s'",
            null,
            true,
            Dialect.InstantBind.SQL_TIMESTAMP,
            PG_TYPES,
            Map.of(),
            ZoneOffset.UTC);

    /** Redshift speaks PostgreSQL 8.0's SQL; its driver is a fork of pgjdbc's. */
    static final Dialect REDSHIFT = new Dialect(
            "Redshift",
            "jdbc:redshift:",
            "com.amazon.redshift.jdbc.Driver",
            "com.amazon.redshift:redshift-jdbc42",
            "\"",
            3,
            false,
            "VARCHAR",
            "SET TIMEZONE TO '%s'",
            null,
            true,
            Dialect.InstantBind.SQL_TIMESTAMP,
            Map.of("timestamptz", TimeKind.INSTANT, "timestamp with time zone", TimeKind.INSTANT),
            Map.of(),
            ZoneOffset.UTC);

    // MySQL and MariaDB keep a TIMESTAMP as an instant but compare and show it in the session's time_zone; a
    // DATETIME is a wall-clock time. Named zones need the server's time-zone tables, so UTC is set as an offset.
    private static final Map<String, TimeKind> MYSQL_TYPES =
            Map.of("timestamp", TimeKind.INSTANT, "datetime", TimeKind.WALL_CLOCK);

    static final Dialect MARIADB = new Dialect(
            "MariaDB",
            "jdbc:mariadb:",
            "org.mariadb.jdbc.Driver",
            "org.mariadb.jdbc:mariadb-java-client",
            "`",
            2,
            false,
            "CHAR",
            "SET time_zone = '%s'",
            "SET SESSION TRANSACTION READ ONLY",
            true,
            Dialect.InstantBind.SESSION_LOCAL_DATE_TIME,
            MYSQL_TYPES,
            // java.sql.Timestamp values converted in the session's zone, not the JVM's: without preserveInstants
            // (off by default, unlike MySQL's driver) a TIMESTAMP is read as the JVM's wall-clock time (SourcesIT)
            Map.of("connectionTimeZone", Dialect.ZONE, "preserveInstants", "true"),
            ZoneOffset.UTC);

    static final Dialect MYSQL = new Dialect(
            "MySQL",
            "jdbc:mysql:",
            "com.mysql.cj.jdbc.Driver",
            "com.mysql:mysql-connector-j",
            "`",
            2,
            false,
            "CHAR",
            "SET time_zone = '%s'",
            null,
            true,
            Dialect.InstantBind.SESSION_LOCAL_DATE_TIME,
            MYSQL_TYPES,
            // rows come a fetch size at a time only through a server cursor; the session's zone, not the JVM's
            Map.of("useCursorFetch", "true", "connectionTimeZone", Dialect.ZONE),
            ZoneOffset.UTC);

    static final Dialect DUCKDB = new Dialect(
            "DuckDB",
            "jdbc:duckdb:",
            "org.duckdb.DuckDBDriver",
            "org.duckdb:duckdb_jdbc",
            "\"",
            3,
            false,
            "VARCHAR",
            "SET TimeZone = '%s'",
            null,
            true,
            Dialect.InstantBind.OFFSET_DATE_TIME,
            Map.of("timestamptz", TimeKind.INSTANT, "timestamp with time zone", TimeKind.INSTANT),
            // without it the whole result is computed before the first row is handed out; read_only lets other
            // processes read the same file, and the service never writes there
            Map.of("jdbc_stream_results", "true", "duckdb.read_only", "true"),
            ZoneOffset.UTC);

    /**
     * Snowflake: unquoted names fold to upper case, so names are left as written and columns quoted exactly as
     * the driver reports them. A java.sql.Timestamp binds as TIMESTAMP_LTZ (an instant).
     */
    static final Dialect SNOWFLAKE = new Dialect(
            "Snowflake",
            "jdbc:snowflake:",
            "net.snowflake.client.jdbc.SnowflakeDriver",
            "net.snowflake:snowflake-jdbc",
            "\"",
            3,
            false,
            "VARCHAR",
            "ALTER SESSION SET TIMEZONE = '%s'",
            null,
            true,
            Dialect.InstantBind.SQL_TIMESTAMP,
            Map.of(
                    "timestamp_ltz", TimeKind.INSTANT,
                    "timestampltz", TimeKind.INSTANT,
                    "timestamp_tz", TimeKind.INSTANT,
                    "timestamptz", TimeKind.INSTANT,
                    "timestamp_ntz", TimeKind.WALL_CLOCK,
                    "timestampntz", TimeKind.WALL_CLOCK),
            Map.of(),
            ZoneOffset.UTC);

    /**
     * BigQuery: backticks, project.dataset.table with hyphenated project ids, TIMESTAMP an instant and DATETIME a
     * wall-clock time, no session zone (TIMESTAMP is UTC), no transactions for a plain read.
     */
    static final Dialect BIGQUERY = new Dialect(
            "BigQuery",
            "jdbc:bigquery:",
            "com.google.cloud.bigquery.jdbc.BigQueryDriver",
            "com.google.cloud:google-cloud-bigquery-jdbc",
            "`",
            3,
            true,
            "STRING",
            null,
            null,
            false,
            Dialect.InstantBind.SQL_TIMESTAMP,
            Map.of("timestamp", TimeKind.INSTANT, "datetime", TimeKind.WALL_CLOCK),
            Map.of(),
            ZoneOffset.UTC);

    /** Databricks SQL: TIMESTAMP is an instant shown in the session's zone, TIMESTAMP_NTZ a wall-clock time. */
    static final Dialect DATABRICKS = new Dialect(
            "Databricks",
            "jdbc:databricks:",
            "com.databricks.client.jdbc.Driver",
            "com.databricks:databricks-jdbc",
            "`",
            3,
            false,
            "STRING",
            "SET TIME ZONE '%s'",
            null,
            false,
            Dialect.InstantBind.SQL_TIMESTAMP,
            Map.of("timestamp", TimeKind.INSTANT, "timestamp_ntz", TimeKind.WALL_CLOCK),
            Map.of(),
            ZoneOffset.UTC);
}
