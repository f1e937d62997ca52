package io.pinconv.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A source's cursor position is bound back as the very value its engine gave, less the overlap for a time. */
class CursorValueTest {

    @Test
    void eachKindOfValueComesBackExactly() {
        Instant instant = Instant.parse("2026-12-06T10:15:30.123456Z");
        assertThat(CursorValue.from(CursorValue.encode(instant), Dialect.DUCKDB, Duration.ZERO))
                .isEqualTo(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        assertThat(CursorValue.from(CursorValue.encode(instant), Dialect.POSTGRESQL, Duration.ofMinutes(10)))
                .isEqualTo(Timestamp.from(instant.minusSeconds(600)));
        LocalDateTime local = LocalDateTime.parse("2026-12-06T10:15:30.000001");
        assertThat(CursorValue.from(CursorValue.encode(local), Dialect.MARIADB, Duration.ofMinutes(1)))
                .isEqualTo(local.minusMinutes(1));
        assertThat(CursorValue.from(CursorValue.encode(LocalDate.parse("2026-12-06")), Dialect.MARIADB, Duration.ZERO))
                .isEqualTo(LocalDate.parse("2026-12-06"));
        assertThat(CursorValue.from(CursorValue.encode(9_007_199_254_740_993L), Dialect.MARIADB, Duration.ofHours(1)))
                .isEqualTo(new BigDecimal("9007199254740993"));
        assertThat(CursorValue.from(
                        CursorValue.encode(new BigDecimal("12345678901234567890.000100")),
                        Dialect.SNOWFLAKE,
                        Duration.ZERO))
                .isEqualTo(new BigDecimal("12345678901234567890.000100"));
        assertThat(CursorValue.from(CursorValue.encode("2026-12-06T10:15:30Z:a"), Dialect.BIGQUERY, Duration.ZERO))
                .isEqualTo("2026-12-06T10:15:30Z:a");
    }

    @Test
    void aValueThatCannotOrderRowsOrAPositionNoSourceWroteIsRefused() {
        assertThatThrownBy(() -> CursorValue.encode(new byte[] {1}))
                .hasMessageContaining("cannot order rows: use a number, a timestamp, a date or text");
        assertThatThrownBy(() -> CursorValue.from("2026-12-06 10:15:30+00", Dialect.MARIADB, Duration.ZERO))
                .hasMessageContaining("is not a cursor position of a source");
    }
}
