package io.pinconv.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The real PostgreSQL the tests run against, and segments in schemas of their own so that test classes never
 * see each other's rows. Which PostgreSQL: {@code TEST_DATABASE_URL} (with {@code TEST_DATABASE_USER} and
 * {@code TEST_DATABASE_PASSWORD}) when set; else the one on 127.0.0.1:5432, in a database of the tests' own
 * ({@value #OWN_DATABASE}, created when missing: never a database of the user's); else, when nothing answers there
 * (or {@code TEST_DATABASE=embedded}), an embedded PostgreSQL started once for the whole test run
 * ({@link EmbeddedTestDatabase}). The first line of the tests' output says which.
 */
public final class TestDatabase {

    private static final String[] CHOSEN = choose();
    public static final String URL = CHOSEN[0];
    public static final String USER = CHOSEN[1];
    public static final String PASSWORD = CHOSEN[2];

    private static final JdbcTemplate JDBC = new JdbcTemplate(new DriverManagerDataSource(URL, USER, PASSWORD));

    private TestDatabase() {}

    /** The database the tests make their own in a PostgreSQL they find on this machine. */
    static final String OWN_DATABASE = "pinterest_conversions_test";

    private static String[] choose() {
        java.util.Map<String, String> env = System.getenv();
        if (env.containsKey("TEST_DATABASE_URL")) {
            System.out.println("Tests: PostgreSQL of TEST_DATABASE_URL, " + env.get("TEST_DATABASE_URL"));
            return new String[] {
                env.get("TEST_DATABASE_URL"),
                env.getOrDefault("TEST_DATABASE_USER", "postgres"),
                env.getOrDefault("TEST_DATABASE_PASSWORD", "")
            };
        }
        if (!"embedded".equals(env.get("TEST_DATABASE")) && EmbeddedTestDatabase.answers("127.0.0.1", 5432)) {
            createOwnDatabase();
            System.out.println("Tests: the PostgreSQL found on 127.0.0.1:5432 (user postgres), in a database of their"
                    + " own, " + OWN_DATABASE + " (TEST_DATABASE_URL names another; TEST_DATABASE=embedded starts one"
                    + " for the tests)");
            return new String[] {"jdbc:postgresql://127.0.0.1:5432/" + OWN_DATABASE, "postgres", ""};
        }
        return new String[] {EmbeddedTestDatabase.url(), "postgres", ""};
    }

    private static void createOwnDatabase() {
        JdbcTemplate server = new JdbcTemplate(
                new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", ""));
        try {
            if (server.queryForList("SELECT 1 FROM pg_database WHERE datname = ?", OWN_DATABASE)
                    .isEmpty()) {
                server.execute("CREATE DATABASE " + OWN_DATABASE);
            }
        } catch (org.springframework.dao.DataAccessException e) {
            // another test JVM created it a moment ago, or user postgres may not: say what to do
            if (server.queryForList("SELECT 1 FROM pg_database WHERE datname = ?", OWN_DATABASE)
                    .isEmpty()) {
                throw new IllegalStateException(
                        "the tests found PostgreSQL on 127.0.0.1:5432 but could not create their"
                                + " database " + OWN_DATABASE + " as user postgres ("
                                + e.getMostSpecificCause().getMessage()
                                + "): create it, set TEST_DATABASE_URL, or TEST_DATABASE=embedded",
                        e);
            }
        }
    }

    public static JdbcTemplate jdbc() {
        return JDBC;
    }

    /** A fresh schema with an empty purchase segment table, {schema}.purchase_events. */
    public static String newPurchaseSegment() {
        String schema = "it_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        JDBC.execute("CREATE SCHEMA " + schema);
        JDBC.execute("""
                CREATE TABLE %s.purchase_events (
                    order_id     text,
                    purchased_at timestamptz,
                    channel      text,
                    email        text,
                    phone        text,
                    first_name   text,
                    last_name    text,
                    country      text,
                    ip           text,
                    user_agent   text,
                    amount       numeric(12, 2),
                    currency     text
                )""".formatted(schema));
        return schema;
    }

    /**
     * Forgets what earlier test runs left for these activations (the test database outlives a run):
     * rejections, pending events and runs are keyed by activation id, not by ad account.
     */
    public static void forget(String... activationIds) {
        for (String id : activationIds) {
            for (String table : java.util.List.of(
                    "rejection", "pending_event", "run", "delivered_event", "field_warning", "activation_cursor")) {
                if (JDBC.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class, "conversions." + table)) {
                    // a table of a migration the service has not run yet on this database: nothing to forget
                    continue;
                }
                JDBC.update("DELETE FROM conversions." + table + " WHERE activation_id = ?", id);
            }
            for (String table : java.util.List.of("alert_open", "alert_log")) {
                if (!JDBC.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class, "conversions." + table)) {
                    JDBC.update(
                            "DELETE FROM conversions." + table + " WHERE scope = 'activation' AND owner_id = ?", id);
                }
            }
        }
    }

    public static void dropSchema(String schema) {
        JDBC.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** A random ad account number, so that the ledger of one test run never answers for another. */
    public static String newAdAccount() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    }

    public static void insert(String schema, List<PurchaseRow> rows) {
        List<Object[]> args = new ArrayList<>(rows.size());
        for (PurchaseRow r : rows) {
            args.add(new Object[] {
                r.orderId(),
                r.purchasedAt() == null ? null : Timestamp.from(r.purchasedAt()),
                r.channel(),
                r.email(),
                r.phone(),
                r.firstName(),
                r.lastName(),
                r.country(),
                r.ip(),
                r.userAgent(),
                r.amount(),
                r.currency()
            });
        }
        JDBC.batchUpdate(
                "INSERT INTO " + schema + ".purchase_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", args);
    }

    /** A row of the purchase segment; {@link #valid} gives one Pinterest takes. */
    public record PurchaseRow(
            String orderId,
            Instant purchasedAt,
            String channel,
            String email,
            String phone,
            String firstName,
            String lastName,
            String country,
            String ip,
            String userAgent,
            java.math.BigDecimal amount,
            String currency) {

        public static PurchaseRow valid(String orderId, Instant at) {
            return new PurchaseRow(
                    orderId,
                    at,
                    "web",
                    orderId.toLowerCase() + "@example.com",
                    "+1 415 555 0100",
                    "Ada",
                    "Lovelace",
                    "US",
                    "203.0.113.9",
                    "Mozilla/5.0 (X11; Linux x86_64)",
                    new java.math.BigDecimal("19.99"),
                    "usd");
        }

        public PurchaseRow withPurchasedAt(Instant v) {
            return new PurchaseRow(
                    orderId, v, channel, email, phone, firstName, lastName, country, ip, userAgent, amount, currency);
        }

        public PurchaseRow withChannel(String v) {
            return new PurchaseRow(
                    orderId,
                    purchasedAt,
                    v,
                    email,
                    phone,
                    firstName,
                    lastName,
                    country,
                    ip,
                    userAgent,
                    amount,
                    currency);
        }

        public PurchaseRow withEmail(String v) {
            return new PurchaseRow(
                    orderId,
                    purchasedAt,
                    channel,
                    v,
                    phone,
                    firstName,
                    lastName,
                    country,
                    ip,
                    userAgent,
                    amount,
                    currency);
        }

        public PurchaseRow withPhoneAndCountry(String phoneV, String countryV) {
            return new PurchaseRow(
                    orderId,
                    purchasedAt,
                    channel,
                    email,
                    phoneV,
                    firstName,
                    lastName,
                    countryV,
                    ip,
                    userAgent,
                    amount,
                    currency);
        }

        public PurchaseRow withIpAndAgent(String ipV, String agentV) {
            return new PurchaseRow(
                    orderId,
                    purchasedAt,
                    channel,
                    email,
                    phone,
                    firstName,
                    lastName,
                    country,
                    ipV,
                    agentV,
                    amount,
                    currency);
        }

        public PurchaseRow withAmount(java.math.BigDecimal v) {
            return new PurchaseRow(
                    orderId,
                    purchasedAt,
                    channel,
                    email,
                    phone,
                    firstName,
                    lastName,
                    country,
                    ip,
                    userAgent,
                    v,
                    currency);
        }

        public PurchaseRow withCurrency(String v) {
            return new PurchaseRow(
                    orderId,
                    purchasedAt,
                    channel,
                    email,
                    phone,
                    firstName,
                    lastName,
                    country,
                    ip,
                    userAgent,
                    amount,
                    v);
        }

        public PurchaseRow withOrderId(String v) {
            return new PurchaseRow(
                    v,
                    purchasedAt,
                    channel,
                    email,
                    phone,
                    firstName,
                    lastName,
                    country,
                    ip,
                    userAgent,
                    amount,
                    currency);
        }

        public PurchaseRow withPerson(String phoneV, String first, String last, String countryV) {
            return new PurchaseRow(
                    orderId,
                    purchasedAt,
                    channel,
                    email,
                    phoneV,
                    first,
                    last,
                    countryV,
                    ip,
                    userAgent,
                    amount,
                    currency);
        }
    }
}
