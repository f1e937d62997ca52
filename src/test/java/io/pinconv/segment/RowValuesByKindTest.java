package io.pinconv.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowValuesByKindTest {

    @Test
    void timesAreConvertedByTheirColumnsKindNotByTheDriversJavaType() {
        Instant at = Instant.parse("2026-11-16T12:00:00Z");
        Map<String, Object> row = new HashMap<>();
        // a MySQL TIMESTAMP comes as a Timestamp, a DATETIME too: only the kind tells them apart
        row.put("mysql_timestamp", Timestamp.from(at));
        row.put("mysql_datetime", Timestamp.valueOf(LocalDateTime.of(2026, 11, 16, 13, 0)));
        row.put("duckdb_timestamptz", OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(9)));
        row.put("date", java.sql.Date.valueOf(LocalDate.of(2026, 11, 16)));
        row.put("id", "o-1");
        row.put("amount", 12);
        RowValues.convertByKind(
                row,
                Map.of(
                        "mysql_timestamp", TimeKind.INSTANT,
                        "mysql_datetime", TimeKind.WALL_CLOCK,
                        "duckdb_timestamptz", TimeKind.INSTANT,
                        "date", TimeKind.DATE));
        assertThat(row)
                .containsEntry("mysql_timestamp", at)
                .containsEntry("mysql_datetime", LocalDateTime.of(2026, 11, 16, 13, 0))
                .containsEntry("duckdb_timestamptz", at)
                .containsEntry("date", LocalDate.of(2026, 11, 16))
                .containsEntry("id", "o-1")
                .containsEntry("amount", 12);
    }
}
