package io.pinconv.segment;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the SQL the service sends to one engine depends on, as data: how identifiers are quoted, how many parts a
 * table name has, which type ids and cursor values are cast to as text, how a session is put in a time zone, and
 * what each column type is as a point in time. One constant per engine; {@link #forUrl} picks it from a JDBC URL,
 * {@link #withQuote} takes the quote the driver itself reports once a connection exists.
 *
 * <p>PostgreSQL's is the service's own database: with it SegmentQuery writes exactly the SQL it always has.
 * Snowflake, BigQuery, Redshift and Databricks are written from their documentation and checked by golden-SQL
 * tests only (no engine of theirs runs here): see docs/sources.md.
 *
 * @param engine            the engine's name, for messages
 * @param urlPrefix         the start of its JDBC URLs
 * @param driverClass       the JDBC driver's class, loaded to tell at start whether the driver is there
 * @param driverArtifact    the driver's Maven coordinates (group:artifact), named when it is missing
 * @param quote             the identifier quote when no connection has told it yet
 * @param nameParts         the most parts a table name may have (table, schema.table, catalog.schema.table)
 * @param hyphenatedProject whether the first of three parts may hold hyphens (BigQuery project ids), quoted then
 * @param textType          the type a value is cast to, to compare it with text or read it as text
 * @param timeZoneStatement the statement that sets a session's zone, {@code %s} standing for the zone, or null
 *                          where the engine has no session zone
 * @param readOnlyStatement the statement that makes a session read only where the driver's setReadOnly does not
 *                          (MariaDB's sends nothing), or null
 * @param transactions      whether reads run in a read-only transaction (autocommit off): PostgreSQL and Redshift
 *                          stream a result only there; engines without transactions refuse autocommit off
 * @param instantBind       how an instant is bound against a column of kind {@link TimeKind#INSTANT}
 * @param timeTypes         column type names (lower case, without length or precision) whose kind is not what
 *                          their JDBC type says; the others are classified by {@link #byJdbcType}
 * @param driverProperties  driver properties every pool of this engine gets unless the source sets them
 * @param sessionZone       the zone sessions are put in ({@link #inZone}); UTC unless a source says otherwise
 */
public record Dialect(
        String engine,
        String urlPrefix,
        String driverClass,
        String driverArtifact,
        String quote,
        int nameParts,
        boolean hyphenatedProject,
        String textType,
        String timeZoneStatement,
        String readOnlyStatement,
        boolean transactions,
        InstantBind instantBind,
        Map<String, TimeKind> timeTypes,
        Map<String, String> driverProperties,
        ZoneId sessionZone) {

    /** How an instant is given to the driver, so that the engine compares it as that very moment. */
    public enum InstantBind {
        /** A java.sql.Timestamp of the instant: the driver sends it with its offset, or as an instant. */
        SQL_TIMESTAMP,
        /** An OffsetDateTime in UTC: JDBC 4.2's value for TIMESTAMP WITH TIME ZONE. */
        OFFSET_DATE_TIME,
        /**
         * The instant's wall-clock time in the session's zone: for engines that store an instant but compare it
         * as the session's wall-clock time (MySQL's and MariaDB's TIMESTAMP).
         */
        SESSION_LOCAL_DATE_TIME
    }

    /** In a driver property's value: the session's zone. */
    static final String ZONE = "{session-zone}";

    // the engines' descriptions are in Engines (data, not code): Dialect is initialised first, and reads them there
    public static final Dialect POSTGRESQL = Engines.POSTGRESQL;
    public static final Dialect REDSHIFT = Engines.REDSHIFT;
    public static final Dialect MARIADB = Engines.MARIADB;
    public static final Dialect MYSQL = Engines.MYSQL;
    public static final Dialect DUCKDB = Engines.DUCKDB;
    public static final Dialect SNOWFLAKE = Engines.SNOWFLAKE;
    public static final Dialect BIGQUERY = Engines.BIGQUERY;
    public static final Dialect DATABRICKS = Engines.DATABRICKS;

    public static final List<Dialect> ALL =
            List.of(POSTGRESQL, MARIADB, MYSQL, DUCKDB, SNOWFLAKE, BIGQUERY, REDSHIFT, DATABRICKS);

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    // Google Cloud project ids: 6 to 30 lower-case letters, digits and hyphens, starting with a letter
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

    /** The dialect of a JDBC URL's engine, by the URL's prefix. */
    public static Optional<Dialect> forUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String u = url.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(d -> u.startsWith(d.urlPrefix())).findFirst();
    }

    /** The URL prefixes of every dialect, for messages. */
    public static String urlPrefixes() {
        return String.join(", ", ALL.stream().map(Dialect::urlPrefix).toList());
    }

    /**
     * This dialect with the quote the driver reports ({@code DatabaseMetaData.getIdentifierQuoteString}); a blank
     * or space (the driver's way to say it has none) keeps the declared one.
     */
    public Dialect withQuote(String reported) {
        if (reported == null || reported.isBlank() || reported.equals(quote)) {
            return this;
        }
        return new Dialect(
                engine,
                urlPrefix,
                driverClass,
                driverArtifact,
                reported.strip(),
                nameParts,
                hyphenatedProject,
                textType,
                timeZoneStatement,
                readOnlyStatement,
                transactions,
                instantBind,
                timeTypes,
                driverProperties,
                sessionZone);
    }

    /** This dialect for sessions put in {@code zone}, which instants bound as wall-clock times are read in. */
    public Dialect inZone(ZoneId zone) {
        return new Dialect(
                engine,
                urlPrefix,
                driverClass,
                driverArtifact,
                quote,
                nameParts,
                hyphenatedProject,
                textType,
                timeZoneStatement,
                readOnlyStatement,
                transactions,
                instantBind,
                timeTypes,
                driverProperties,
                zone);
    }

    /** The driver properties of {@link #driverProperties}, the session's zone put in. */
    public Map<String, String> sessionDriverProperties() {
        Map<String, String> resolved = new java.util.LinkedHashMap<>();
        driverProperties.forEach((k, v) -> resolved.put(k, v.replace(ZONE, zoneName())));
        return resolved;
    }

    /** A column name exactly as the engine reports it, quoted so that case and keywords are safe. */
    public String quoteColumn(String column) {
        return quote + column.replace(quote, quote + quote) + quote;
    }

    /**
     * A table or view name as SQL: 1 to {@link #nameParts} parts separated by dots, each a plain identifier (left
     * as written, so that the engine folds its case as it always does) or one already quoted with this dialect's
     * quote; with BigQuery, a project id with hyphens as the first of three parts, quoted here.
     *
     * @throws IllegalArgumentException saying which names are accepted
     */
    public String table(String name) {
        List<String> parts = parts(name == null ? "" : name.strip());
        if (parts == null || parts.isEmpty() || parts.size() > nameParts) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a table or view name for " + engine + ": " + describeNames());
        }
        List<String> rendered = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.startsWith(quote) || PLAIN.matcher(part).matches()) {
                rendered.add(part);
            } else if (hyphenatedProject
                    && i == 0
                    && parts.size() == 3
                    && PROJECT.matcher(part).matches()) {
                rendered.add(quote + part + quote);
            } else {
                throw new IllegalArgumentException(
                        "'" + name + "' is not a table or view name for " + engine + ": " + describeNames());
            }
        }
        return String.join(".", rendered);
    }

    private String describeNames() {
        String forms = switch (nameParts) {
            case 1 -> "table";
            case 2 -> "table or database.table";
            default -> "table, schema.table or catalog.schema.table";
        };
        return forms + ", each part letters, digits, _ and $ (not first), or quoted with " + quote
                + (hyphenatedProject ? "; a project id with hyphens may be the first of three parts" : "");
    }

    /** Splits at the dots outside quotes; null when a quote is not closed or a part is empty. */
    private List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            String rest = name.substring(i);
            if (rest.startsWith(quote)) {
                if (quoted && rest.startsWith(quote + quote)) {
                    part.append(quote).append(quote);
                    i += 2 * quote.length() - 1;
                    continue;
                }
                if (!quoted && part.length() > 0) {
                    return null;
                }
                quoted = !quoted;
                part.append(quote);
                i += quote.length() - 1;
                continue;
            }
            char c = name.charAt(i);
            if (c == '.' && !quoted) {
                if (part.isEmpty()) {
                    return null;
                }
                parts.add(part.toString());
                part.setLength(0);
            } else {
                if (!quoted && part.toString().startsWith(quote)) {
                    return null; // text after a closing quote
                }
                part.append(c);
            }
        }
        if (quoted || part.isEmpty() || part.toString().equals(quote + quote)) {
            return null;
        }
        parts.add(part.toString());
        return parts;
    }

    /** {@code CAST(expression AS <text type>)}: ids and cursor values compared or read as text. */
    public String castToText(String expression) {
        return "CAST(" + expression + " AS " + textType + ")";
    }

    /** What a preview adds to a SELECT to read no more than {@code n} rows. */
    public String limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a limit is not negative: " + n);
        }
        return " LIMIT " + n;
    }

    /** What each new session runs first, in order: the zone, and where the driver needs it, read only. */
    public List<String> sessionStatements() {
        List<String> statements = new ArrayList<>();
        if (sessionTimeZoneStatement() != null) {
            statements.add(sessionTimeZoneStatement());
        }
        if (readOnlyStatement != null) {
            statements.add(readOnlyStatement);
        }
        return statements;
    }

    /**
     * The statement that puts a session in {@link #sessionZone}, or null where the engine has none. UTC is set as
     * the offset {@code +00:00} on MySQL and MariaDB, whose servers know names only once their zone tables are
     * loaded.
     */
    public String sessionTimeZoneStatement() {
        if (timeZoneStatement == null) {
            return null;
        }
        String zone = zoneName();
        if (timeZoneStatement.startsWith("SET time_zone") && zone.equals("UTC")) {
            zone = "+00:00";
        }
        // a ZoneId's id holds letters, digits, '/', '_', '+', '-' and ':' only: nothing that ends the literal
        return timeZoneStatement.formatted(zone);
    }

    /** The session's zone by name, UTC for any zone that is UTC. */
    private String zoneName() {
        return sessionZone.normalized().equals(ZoneOffset.UTC) ? "UTC" : sessionZone.getId();
    }

    /**
     * What a column's values are as points in time: by its type name where the dialect names it, else by the
     * JDBC type the driver reports, else (null: not known) by the usual SQL names; text when none says.
     */
    public TimeKind timeKind(String typeName, Integer jdbcType) {
        String name = normalized(typeName);
        TimeKind named = timeTypes.get(name);
        if (named != null) {
            return named;
        }
        if (jdbcType != null) {
            return byJdbcType(jdbcType);
        }
        return SQL_TYPES.getOrDefault(name, TimeKind.TEXT);
    }

    // when only a type's name is known (an activation keeps names): the standard names and the engines' usual ones
    private static final Map<String, TimeKind> SQL_TYPES = Map.ofEntries(
            Map.entry("timestamp with time zone", TimeKind.INSTANT),
            Map.entry("timestamptz", TimeKind.INSTANT),
            Map.entry("timestamp", TimeKind.WALL_CLOCK),
            Map.entry("timestamp without time zone", TimeKind.WALL_CLOCK),
            Map.entry("datetime", TimeKind.WALL_CLOCK),
            Map.entry("date", TimeKind.DATE),
            Map.entry("tinyint", TimeKind.EPOCH_NUMBER),
            Map.entry("smallint", TimeKind.EPOCH_NUMBER),
            Map.entry("int", TimeKind.EPOCH_NUMBER),
            Map.entry("integer", TimeKind.EPOCH_NUMBER),
            Map.entry("bigint", TimeKind.EPOCH_NUMBER),
            Map.entry("int2", TimeKind.EPOCH_NUMBER),
            Map.entry("int4", TimeKind.EPOCH_NUMBER),
            Map.entry("int8", TimeKind.EPOCH_NUMBER),
            Map.entry("int64", TimeKind.EPOCH_NUMBER),
            Map.entry("numeric", TimeKind.EPOCH_NUMBER),
            Map.entry("decimal", TimeKind.EPOCH_NUMBER),
            Map.entry("number", TimeKind.EPOCH_NUMBER),
            Map.entry("real", TimeKind.EPOCH_NUMBER),
            Map.entry("float", TimeKind.EPOCH_NUMBER),
            Map.entry("float4", TimeKind.EPOCH_NUMBER),
            Map.entry("float8", TimeKind.EPOCH_NUMBER),
            Map.entry("float64", TimeKind.EPOCH_NUMBER),
            Map.entry("double", TimeKind.EPOCH_NUMBER),
            Map.entry("double precision", TimeKind.EPOCH_NUMBER));

    /** A type's kind by its JDBC type alone. */
    public static TimeKind byJdbcType(int jdbcType) {
        return switch (jdbcType) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> TimeKind.INSTANT;
            case Types.TIMESTAMP -> TimeKind.WALL_CLOCK;
            case Types.DATE -> TimeKind.DATE;
            case Types.TINYINT,
                    Types.SMALLINT,
                    Types.INTEGER,
                    Types.BIGINT,
                    Types.NUMERIC,
                    Types.DECIMAL,
                    Types.FLOAT,
                    Types.REAL,
                    Types.DOUBLE -> TimeKind.EPOCH_NUMBER;
            default -> TimeKind.TEXT;
        };
    }

    /** Lower case, without a length or precision ({@code timestamp(6) with time zone}) nor repeated spaces. */
    static String normalized(String typeName) {
        if (typeName == null) {
            return "";
        }
        return typeName.toLowerCase(Locale.ROOT)
                .replaceAll("\\(.*?\\)", "")
                .replaceAll("\\s+", " ")
                .strip();
    }

    /** The value an instant is bound as against a column of kind {@link TimeKind#INSTANT}. */
    public Object instant(Instant instant) {
        return switch (instantBind) {
            case SQL_TIMESTAMP -> Timestamp.from(instant);
            case OFFSET_DATE_TIME -> OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
            case SESSION_LOCAL_DATE_TIME -> LocalDateTime.ofInstant(instant, sessionZone);
        };
    }

    @Override
    public String toString() {
        return engine + " dialect";
    }
}
