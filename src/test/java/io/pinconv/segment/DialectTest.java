package io.pinconv.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DialectTest {

    @Test
    void theEngineIsTheUrlsPrefix() {
        assertThat(Dialect.forUrl("jdbc:postgresql://db/x")).contains(Dialect.POSTGRESQL);
        assertThat(Dialect.forUrl("jdbc:mariadb://db:3306/shop")).contains(Dialect.MARIADB);
        assertThat(Dialect.forUrl("jdbc:mysql://db:3306/shop")).contains(Dialect.MYSQL);
        assertThat(Dialect.forUrl("jdbc:duckdb:/data/exports.duckdb")).contains(Dialect.DUCKDB);
        assertThat(Dialect.forUrl("jdbc:snowflake://acct.snowflakecomputing.com/?db=A"))
                .contains(Dialect.SNOWFLAKE);
        assertThat(Dialect.forUrl("jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p"))
                .contains(Dialect.BIGQUERY);
        assertThat(Dialect.forUrl("jdbc:redshift://c.x.us-east-1.redshift.amazonaws.com:5439/dev"))
                .contains(Dialect.REDSHIFT);
        assertThat(Dialect.forUrl("jdbc:databricks://adb-1.azuredatabricks.net:443/default"))
                .contains(Dialect.DATABRICKS);
        assertThat(Dialect.forUrl("jdbc:oracle:thin:@db:1521/x")).isEmpty();
        assertThat(Dialect.forUrl(null)).isEmpty();
    }

    @Test
    void tableNamesHaveOneToTheEnginesNumberOfParts() {
        assertThat(Dialect.POSTGRESQL.table(" analytics.purchase_events ")).isEqualTo("analytics.purchase_events");
        assertThat(Dialect.SNOWFLAKE.table("ANALYTICS.MARTS.PURCHASES")).isEqualTo("ANALYTICS.MARTS.PURCHASES");
        assertThat(Dialect.MARIADB.table("shop.orders_export")).isEqualTo("shop.orders_export");
        assertThatThrownBy(() -> Dialect.MARIADB.table("a.b.c")).hasMessageContaining("table or database.table");
        assertThatThrownBy(() -> Dialect.SNOWFLAKE.table("a.b.c.d")).hasMessageContaining("catalog.schema.table");
        for (String bad : new String[] {"", "a;DROP TABLE x", "a..b", ".a", "a.", "a b", "\"open", "1abc"}) {
            assertThatThrownBy(() -> Dialect.POSTGRESQL.table(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aPartMayBeQuotedWithTheEnginesQuote() {
        assertThat(Dialect.SNOWFLAKE.table("ANALYTICS.\"Marts\".\"Purchase \"\"events\"\"\""))
                .isEqualTo("ANALYTICS.\"Marts\".\"Purchase \"\"events\"\"\"");
        assertThat(Dialect.DATABRICKS.table("main.`my-schema`.orders")).isEqualTo("main.`my-schema`.orders");
        assertThatThrownBy(() -> Dialect.DATABRICKS.table("main.\"x\".orders"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialect.SNOWFLAKE.table("\"a\"b.c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBigQueryProjectIdWithHyphensIsQuoted() {
        assertThat(Dialect.BIGQUERY.table("my-project-123.marts.purchases"))
                .isEqualTo("`my-project-123`.marts.purchases");
        assertThat(Dialect.BIGQUERY.table("marts.purchases")).isEqualTo("marts.purchases");
        // a hyphen is a project's only: nowhere else, and not on another engine
        assertThatThrownBy(() -> Dialect.BIGQUERY.table("my-project.my-dataset.t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialect.SNOWFLAKE.table("my-project.marts.purchases"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void columnsAreQuotedWithTheQuoteTheDriverReports() {
        assertThat(Dialect.MARIADB.quoteColumn("order`id")).isEqualTo("`order``id`");
        assertThat(Dialect.DUCKDB.quoteColumn("Order \"id\"")).isEqualTo("\"Order \"\"id\"\"\"");
        // MySQL in ANSI_QUOTES mode reports the double quote
        assertThat(Dialect.MYSQL.withQuote("\"").quoteColumn("id")).isEqualTo("\"id\"");
        // a driver without quoting reports a space: the declared quote stays
        assertThat(Dialect.MYSQL.withQuote(" ").quoteColumn("id")).isEqualTo("`id`");
    }

    @Test
    void idsAreCastToEachEnginesTextType() {
        assertThat(Dialect.POSTGRESQL.castToText("s.\"id\"")).isEqualTo("CAST(s.\"id\" AS varchar)");
        assertThat(Dialect.MARIADB.castToText("s.`id`")).isEqualTo("CAST(s.`id` AS CHAR)");
        assertThat(Dialect.BIGQUERY.castToText("s.`id`")).isEqualTo("CAST(s.`id` AS STRING)");
        assertThat(Dialect.DATABRICKS.castToText("s.`id`")).isEqualTo("CAST(s.`id` AS STRING)");
        assertThat(Dialect.SNOWFLAKE.castToText("s.\"ID\"")).isEqualTo("CAST(s.\"ID\" AS VARCHAR)");
    }

    @Test
    void sessionsArePutInTheSourcesZoneWhereTheEngineHasOne() {
        assertThat(Dialect.POSTGRESQL.sessionTimeZoneStatement()).isEqualTo("SET TIME ZONE 'UTC'");
        assertThat(Dialect.MARIADB.sessionTimeZoneStatement()).isEqualTo("SET time_zone = '+00:00'");
        assertThat(Dialect.MARIADB.inZone(ZoneId.of("Europe/Paris")).sessionTimeZoneStatement())
                .isEqualTo("SET time_zone = 'Europe/Paris'");
        assertThat(Dialect.DUCKDB.inZone(ZoneId.of("Etc/UTC")).sessionTimeZoneStatement())
                .isEqualTo("SET TimeZone = 'UTC'");
        assertThat(Dialect.SNOWFLAKE.sessionTimeZoneStatement()).isEqualTo("ALTER SESSION SET TIMEZONE = 'UTC'");
        assertThat(Dialect.REDSHIFT.sessionTimeZoneStatement()).isEqualTo("SET TIMEZONE TO 'UTC'");
        assertThat(Dialect.DATABRICKS.sessionTimeZoneStatement()).isEqualTo("SET TIME ZONE 'UTC'");
        assertThat(Dialect.BIGQUERY.sessionTimeZoneStatement()).isNull();
        assertThat(Dialect.BIGQUERY.sessionStatements()).isEmpty();
        assertThat(Dialect.BIGQUERY.transactions())
                .as("reads without a transaction")
                .isFalse();
        assertThat(Dialect.DATABRICKS.transactions()).isFalse();
        assertThat(Dialect.POSTGRESQL.transactions())
                .as("streams only in a transaction")
                .isTrue();
        assertThat(Dialect.MARIADB.sessionStatements())
                .containsExactly("SET time_zone = '+00:00'", "SET SESSION TRANSACTION READ ONLY");
        assertThat(Dialect.MYSQL.inZone(ZoneId.of("America/New_York")).sessionDriverProperties())
                .containsEntry("connectionTimeZone", "America/New_York")
                .containsEntry("useCursorFetch", "true");
        assertThat(Dialect.MARIADB.sessionDriverProperties()).containsEntry("connectionTimeZone", "UTC");
    }

    @Test
    void timeColumnsAreClassifiedByTheEnginesTypeNamesThenByTheirJdbcType() {
        // MySQL's TIMESTAMP is an instant, DATETIME a wall-clock time: the driver reports both as TIMESTAMP
        assertThat(Dialect.MARIADB.timeKind("TIMESTAMP", Types.TIMESTAMP)).isEqualTo(TimeKind.INSTANT);
        assertThat(Dialect.MARIADB.timeKind("DATETIME", Types.TIMESTAMP)).isEqualTo(TimeKind.WALL_CLOCK);
        assertThat(Dialect.MARIADB.timeKind("BIGINT UNSIGNED", Types.BIGINT)).isEqualTo(TimeKind.EPOCH_NUMBER);
        assertThat(Dialect.POSTGRESQL.timeKind("timestamptz", Types.TIMESTAMP)).isEqualTo(TimeKind.INSTANT);
        assertThat(Dialect.POSTGRESQL.timeKind("timestamp", Types.TIMESTAMP)).isEqualTo(TimeKind.WALL_CLOCK);
        assertThat(Dialect.POSTGRESQL.timeKind("int8", null)).isEqualTo(TimeKind.EPOCH_NUMBER);
        assertThat(Dialect.POSTGRESQL.timeKind("text", null)).isEqualTo(TimeKind.TEXT);
        assertThat(Dialect.DUCKDB.timeKind("TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP_WITH_TIMEZONE))
                .isEqualTo(TimeKind.INSTANT);
        assertThat(Dialect.DUCKDB.timeKind("TIMESTAMP", Types.TIMESTAMP)).isEqualTo(TimeKind.WALL_CLOCK);
        assertThat(Dialect.DUCKDB.timeKind("DATE", Types.DATE)).isEqualTo(TimeKind.DATE);
        assertThat(Dialect.DUCKDB.timeKind("VARCHAR", Types.VARCHAR)).isEqualTo(TimeKind.TEXT);
        assertThat(Dialect.SNOWFLAKE.timeKind("TIMESTAMPLTZ", Types.TIMESTAMP)).isEqualTo(TimeKind.INSTANT);
        assertThat(Dialect.SNOWFLAKE.timeKind("TIMESTAMP_TZ", Types.TIMESTAMP_WITH_TIMEZONE))
                .isEqualTo(TimeKind.INSTANT);
        assertThat(Dialect.SNOWFLAKE.timeKind("TIMESTAMPNTZ", Types.TIMESTAMP)).isEqualTo(TimeKind.WALL_CLOCK);
        assertThat(Dialect.SNOWFLAKE.timeKind("NUMBER(38,0)", Types.BIGINT)).isEqualTo(TimeKind.EPOCH_NUMBER);
        assertThat(Dialect.BIGQUERY.timeKind("TIMESTAMP", Types.TIMESTAMP)).isEqualTo(TimeKind.INSTANT);
        assertThat(Dialect.BIGQUERY.timeKind("DATETIME", Types.TIMESTAMP)).isEqualTo(TimeKind.WALL_CLOCK);
        assertThat(Dialect.BIGQUERY.timeKind("INT64", Types.BIGINT)).isEqualTo(TimeKind.EPOCH_NUMBER);
        assertThat(Dialect.DATABRICKS.timeKind("TIMESTAMP", Types.TIMESTAMP)).isEqualTo(TimeKind.INSTANT);
        assertThat(Dialect.DATABRICKS.timeKind("TIMESTAMP_NTZ", Types.TIMESTAMP))
                .isEqualTo(TimeKind.WALL_CLOCK);
        assertThat(Dialect.REDSHIFT.timeKind("timestamptz", Types.TIMESTAMP)).isEqualTo(TimeKind.INSTANT);
        assertThat(Dialect.REDSHIFT.timeKind("timestamp", Types.TIMESTAMP)).isEqualTo(TimeKind.WALL_CLOCK);
        assertThat(Dialect.REDSHIFT.timeKind("varchar(256)", Types.VARCHAR)).isEqualTo(TimeKind.TEXT);
    }

    @Test
    void postgresqlTypeNamesKeepTheKindsTheyAlwaysHad() {
        // pgjdbc's names (int2, float8) and format_type's (smallint) were told apart by prefixes before dialects:
        // the same answers, so that the state database's SQL does not change
        assertThat(Dialect.POSTGRESQL.timeKind("int2", null)).isEqualTo(TimeKind.EPOCH_NUMBER);
        assertThat(Dialect.POSTGRESQL.timeKind("smallint", null)).isEqualTo(TimeKind.TEXT);
        assertThat(Dialect.POSTGRESQL.timeKind("float4", null)).isEqualTo(TimeKind.EPOCH_NUMBER);
        assertThat(Dialect.POSTGRESQL.timeKind("TIMESTAMP(3)", null)).isEqualTo(TimeKind.WALL_CLOCK);
        assertThat(Dialect.POSTGRESQL.timeKind("timestamp with time zone", null))
                .isEqualTo(TimeKind.INSTANT);
        assertThat(Dialect.POSTGRESQL.timeKind("datetime", null)).isEqualTo(TimeKind.TEXT);
        // the one change: an interval was taken for a number (its name starts with int) and failed the run
        assertThat(Dialect.POSTGRESQL.timeKind("interval", null)).isEqualTo(TimeKind.TEXT);
    }

    @Test
    void anInstantIsBoundAsTheEngineComparesItAsThatMoment() {
        Instant i = Instant.parse("2026-11-16T12:00:00Z");
        assertThat(Dialect.POSTGRESQL.instant(i)).isEqualTo(Timestamp.from(i));
        assertThat(Dialect.DUCKDB.instant(i)).isEqualTo(OffsetDateTime.of(2026, 11, 16, 12, 0, 0, 0, ZoneOffset.UTC));
        assertThat(Dialect.MARIADB.instant(i)).isEqualTo(LocalDateTime.of(2026, 11, 16, 12, 0));
        assertThat(Dialect.MARIADB.inZone(ZoneId.of("Asia/Tokyo")).instant(i))
                .isEqualTo(LocalDateTime.of(2026, 11, 16, 21, 0));
    }

    @Test
    void previewsAreLimitedInSql() {
        assertThat(Dialect.REDSHIFT.limit(20)).isEqualTo(" LIMIT 20");
        assertThatThrownBy(() -> Dialect.REDSHIFT.limit(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
