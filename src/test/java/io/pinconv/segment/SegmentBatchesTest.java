package io.pinconv.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rows camel-jdbc streams, handed on in batches only as the gate allows, as the mapping's Java values. */
class SegmentBatchesTest {

    /** Records what the batches asked of it; room is given unless told otherwise. */
    static final class Recording implements SegmentBatches.Gate {
        final List<String> calls = new ArrayList<>();
        boolean stopped;

        @Override
        public boolean awaitRoom() {
            calls.add("awaitRoom");
            return !stopped;
        }

        @Override
        public boolean stopped() {
            return stopped;
        }

        @Override
        public void read() {
            calls.add("read");
        }

        @Override
        public void stop() {
            calls.add("stop");
            stopped = true;
        }
    }

    static Iterator<Map<String, Object>> rows(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("event_id", "E-" + i);
                    return row;
                })
                .iterator();
    }

    @Test
    void batchesOfTheBatchSizeEachAfterTheGateGaveRoom() {
        Recording gate = new Recording();
        SegmentBatches batches = new SegmentBatches(rows(2500), 1000, gate, Map.of());
        List<Integer> sizes = new ArrayList<>();
        while (batches.hasNext()) {
            sizes.add(batches.next().size());
        }
        assertThat(sizes).containsExactly(1000, 1000, 500);
        // the end of the segment needs no room: nothing more is read
        assertThat(gate.calls).containsExactly("awaitRoom", "read", "awaitRoom", "read", "awaitRoom", "read");
    }

    @Test
    void nothingIsReadOnceTheRunStopped() {
        Recording gate = new Recording();
        SegmentBatches batches = new SegmentBatches(rows(2500), 1000, gate, Map.of());
        batches.hasNext();
        batches.next();
        gate.stopped = true; // a batch failed
        assertThat(batches.hasNext()).isFalse();
        assertThat(gate.calls).containsExactly("awaitRoom", "read");
    }

    @Test
    void aFailureToReadStopsTheReadingWithItsCause() {
        Recording gate = new Recording();
        Iterator<Map<String, Object>> failing = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                if (n++ == 3) {
                    // what camel-jdbc's ResultSetIterator throws when the connection is cut
                    throw new org.apache.camel.RuntimeCamelException(
                            "Cannot process result",
                            new SQLException("An I/O error occurred while sending to the backend."));
                }
                return new LinkedHashMap<>(Map.of("event_id", "E"));
            }
        };
        SegmentBatches batches = new SegmentBatches(failing, 10, gate, Map.of());
        assertThat(batches.hasNext()).isTrue();
        assertThatThrownBy(batches::next)
                .isInstanceOf(SegmentBatches.SegmentReadException.class)
                .hasMessage("reading the segment failed")
                .hasRootCauseInstanceOf(SQLException.class);
        assertThat(gate.calls).containsExactly("awaitRoom", "stop");
        assertThat(batches.hasNext()).isFalse();
    }

    @Test
    void valuesAreTheMappingsJavaValuesByColumnType() {
        Instant instant = Instant.parse("2026-03-29T01:30:00Z");
        LocalDateTime wallClock = LocalDateTime.parse("2026-03-29T14:30:00");
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_time", Timestamp.from(instant));
        row.put("loaded", Timestamp.valueOf(wallClock));
        row.put("day", java.sql.Date.valueOf(LocalDate.of(2026, 3, 29)));
        row.put("external_id", id);
        row.put("value", new java.math.BigDecimal("19.99"));
        row.put("email", "a@example.com");
        row.put("missing", null);
        SegmentBatches batches = new SegmentBatches(
                List.of(row).iterator(),
                10,
                new Recording(),
                Map.of("event_time", "timestamptz", "loaded", "timestamp", "day", "date", "external_id", "uuid"));

        Map<String, Object> read = batches.next().get(0);

        assertThat(read.get("event_time")).isEqualTo(instant);
        assertThat(read.get("loaded")).isEqualTo(wallClock);
        assertThat(read.get("day")).isEqualTo(LocalDate.of(2026, 3, 29));
        assertThat(read.get("external_id")).isEqualTo(id.toString());
        assertThat(read.get("value")).isEqualTo(new java.math.BigDecimal("19.99"));
        assertThat(read.get("email")).isEqualTo("a@example.com");
        assertThat(read).containsEntry("missing", null);
    }
}
