package io.pinconv.routes;

import java.util.Locale;
import java.util.Set;

/**
 * The endpoint schemes route files may use: the ones the packaged routes need (direct, quartz, http,
 * https, and jdbc to read the segment) and log, whose output never holds a body (BodilessLogFormatter).
 * Anything else (file:, exec:, language:, sql:...) would let a route file read or change the machine, so both
 * the model check (RouteModelCheck) and every context (EndpointSchemeGuard) refuse it. jdbc only as
 * {@code jdbc:segmentReads}, with the options a segment read needs: that pool prepares nothing but the SELECT
 * a run built (SegmentReads), and the other options of camel-jdbc would name classes or beans.
 */
public final class AllowedSchemes {

    public static final Set<String> SCHEMES = Set.of("direct", "quartz", "http", "https", "log");

    /** For messages, in a fixed order. */
    public static final String LISTED = "direct, quartz, http, https, log and jdbc:segmentReads";

    /** The one pool a jdbc endpoint may name. */
    public static final String SEGMENT_READS = "segmentReads";

    /** Options of that endpoint: how the rows come, nothing that names a class, a bean or another pool. */
    static final Set<String> JDBC_OPTIONS = Set.of(
            "outputtype",
            "resetautocommit",
            "useheadersasparameters",
            "statement.fetchsize",
            "statement.maxrows",
            "statement.querytimeout",
            "readsize");

    private AllowedSchemes() {}

    /** Whether a route may use endpoints of this scheme at all (jdbc: see {@link #jdbcRefusal}). */
    public static boolean allows(String scheme) {
        return scheme != null && (SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)) || isJdbc(scheme));
    }

    public static boolean isJdbc(String scheme) {
        return "jdbc".equalsIgnoreCase(scheme);
    }

    /**
     * Why a jdbc endpoint is not allowed, or null when it is: it names {@value #SEGMENT_READS} and only the
     * options in {@link #JDBC_OPTIONS}. Takes the URI as written ({@code jdbc:segmentReads?...}) or as Camel
     * normalises it ({@code jdbc://segmentReads?...}).
     */
    public static String jdbcRefusal(String uri) {
        String rest = uri.substring(uri.indexOf(':') + 1);
        rest = rest.startsWith("//") ? rest.substring(2) : rest;
        int q = rest.indexOf('?');
        String pool = (q < 0 ? rest : rest.substring(0, q)).strip();
        if (!pool.equals(SEGMENT_READS)) {
            return "jdbc endpoints may only name " + SEGMENT_READS
                    + " (the segment's read-only pool, which runs only the" + " SELECT a run built), not '" + pool
                    + "'";
        }
        if (q >= 0) {
            for (String option : rest.substring(q + 1).split("&")) {
                int eq = option.indexOf('=');
                String name = (eq < 0 ? option : option.substring(0, eq)).strip();
                if (!name.isEmpty() && !JDBC_OPTIONS.contains(name.toLowerCase(Locale.ROOT))) {
                    return "the jdbc option '" + name + "' is not allowed: only outputType, resetAutoCommit,"
                            + " useHeadersAsParameters, readSize, statement.fetchSize, statement.maxRows and"
                            + " statement.queryTimeout are";
                }
            }
        }
        return null;
    }

    /** The scheme of {@code uri}, or null when it names none (a bare name is a registry lookup). */
    public static String schemeOf(String uri) {
        if (uri == null) {
            return null;
        }
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String scheme = uri.substring(0, colon).strip();
        return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") ? scheme : null;
    }
}
