package io.pinconv.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One database or warehouse segments may be read from, {@code conversions.sources.<id>}: read only, through a
 * pool of its own. The password ({@code password}) is bound apart, by source.Sources, so that no configuration
 * object carries it; {@link #toString} leaves out what a URL or a driver property may hide a secret in.
 *
 * @param url            the JDBC URL; its prefix names the engine (jdbc:postgresql:, jdbc:mariadb:, jdbc:duckdb:...)
 * @param username       the login, a read-only one: nothing is ever written to a source
 * @param driverClass    the driver's class, when not the engine's usual one
 * @param properties     driver properties, added to (and overriding) those the engine's dialect sets
 * @param maxConnections connections the pool opens at most (default 2: runs of one source rarely overlap)
 * @param fetchSize      rows fetched per round trip while streaming (default 1000)
 * @param queryTimeout   how long one statement may run before the driver cancels it (default 10 minutes, whole
 *                       seconds)
 * @param timeZone       the zone sessions are put in where the engine has one (default UTC): wall-clock values
 *                       of the segment are read in the activation's zone whatever this is
 */
public record SourceProperties(
        String url,
        String username,
        String driverClass,
        Map<String, String> properties,
        Integer maxConnections,
        Integer fetchSize,
        Duration queryTimeout,
        String timeZone) {

    public static final int DEFAULT_MAX_CONNECTIONS = 2;
    public static final int DEFAULT_FETCH_SIZE = 1000;
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMinutes(10);
    public static final String DEFAULT_TIME_ZONE = "UTC";

    public SourceProperties {
        url = url == null ? null : url.strip();
        driverClass = driverClass == null || driverClass.isBlank() ? null : driverClass.strip();
        properties = properties == null ? Map.of() : new LinkedHashMap<>(properties);
        maxConnections = maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections;
        fetchSize = fetchSize == null ? DEFAULT_FETCH_SIZE : fetchSize;
        queryTimeout = queryTimeout == null ? DEFAULT_QUERY_TIMEOUT : queryTimeout;
        timeZone = timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone.strip();
    }

    /** What to fix in these settings, each naming its key under {@code conversions.sources.<id>}. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (url == null || url.isEmpty()) {
            p.add("url is missing: the JDBC URL of the database, e.g. jdbc:mariadb://db.example:3306/shop");
        } else if (!url.startsWith("jdbc:")) {
            p.add("url must be a JDBC URL starting with jdbc:, e.g. jdbc:mariadb://db.example:3306/shop, not "
                    + safeUrl());
        }
        if (maxConnections < 1 || maxConnections > 50) {
            p.add("max-connections must be between 1 and 50 (default " + DEFAULT_MAX_CONNECTIONS + "), not "
                    + maxConnections);
        }
        if (fetchSize < 1 || fetchSize > 100_000) {
            p.add("fetch-size must be between 1 and 100000 rows (default " + DEFAULT_FETCH_SIZE + "), not "
                    + fetchSize);
        }
        if (queryTimeout.compareTo(Duration.ofSeconds(1)) < 0 || queryTimeout.toNanos() % 1_000_000_000L != 0) {
            p.add("query-timeout must be whole seconds, at least 1s (e.g. 10m), not "
                    + queryTimeout.toString().substring(2).toLowerCase());
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            p.add("time-zone '" + timeZone + "' is not a time zone; use a region such as UTC or Europe/Paris");
        }
        return p;
    }

    /** The zone sessions are put in; call only once {@link #problems} found none. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /**
     * The URL without its parameters (after {@code ?} or {@code ;}), where drivers take passwords and keys: what
     * messages and health show of it.
     */
    public String safeUrl() {
        if (url == null) {
            return null;
        }
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        // user:password@host in the authority part
        String head = url.substring(0, cut).replaceAll("//[^/@]*@", "//***@");
        return cut < url.length() ? head + url.charAt(cut) + "..." : head;
    }

    @Override
    public String toString() {
        return "SourceProperties[url=" + safeUrl() + ", username=" + username + ", driverClass=" + driverClass
                + ", properties=" + properties.keySet() + ", maxConnections=" + maxConnections + ", fetchSize="
                + fetchSize + ", queryTimeout=" + queryTimeout + ", timeZone=" + timeZone + "]";
    }
}
