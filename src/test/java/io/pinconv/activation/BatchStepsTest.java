package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pinconv.config.DestinationProperties;
import io.pinconv.config.MonitorProperties;
import io.pinconv.ledger.CursorPositions;
import io.pinconv.ledger.LedgerRepository;
import io.pinconv.ledger.Runs;
import io.pinconv.mapping.ActivationMapping;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.mapping.MappingContext;
import io.pinconv.mapping.PinterestField;
import io.pinconv.segment.SegmentColumn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The steps of process-batch on a batch and a run, as the routes hand them over, without Camel. */
class BatchStepsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    static Activation activation(boolean withCursor) {
        Map<PinterestField, String> columns = new EnumMap<>(PinterestField.class);
        columns.put(PinterestField.EVENT_ID, "order_id");
        columns.put(PinterestField.EVENT_TIME, "created_at");
        ActivationMapping mapping = new ActivationMapping("shop", "checkout", columns, MappingContext.UTC);
        return new Activation(
                "shop",
                "main",
                new DestinationProperties("549755885175", null, false, null, false, null, null),
                "orders",
                null,
                100,
                mapping,
                Map.of("event_id", "order_id", "event_time", "created_at"),
                Map.of("event_id", "text", "event_time", "timestamptz"),
                withCursor ? new SegmentColumn("updated_at", "timestamptz") : null,
                Duration.ofDays(7),
                null,
                Map.of(),
                Duration.ZERO,
                MonitorProperties.BUILT_IN);
    }

    static Map<String, Object> row(String id) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", id);
        row.put("event_time", Instant.parse("2026-12-01T11:00:00Z"));
        return row;
    }

    static ConversionEvent event(String id) {
        return new ConversionEvent(id, Map.of("event_id", id));
    }

    static Run run(Activation activation, int inParallel) {
        return new Run(activation, 7, Firings.RUN_NOW, new ChunkOrder(inParallel));
    }

    @Test
    void skipDeliveredKeepsTheRowsTheLedgerDoesNotHoldEachWithItsIdAndSkipsARepeatedId() {
        LedgerRepository ledger = mock(LedgerRepository.class);
        when(ledger.delivered(eq("549755885175"), eq("checkout"), any())).thenAnswer(call -> {
            Collection<String> asked = call.getArgument(2);
            Set<String> held = new HashSet<>(asked);
            held.retainAll(Set.of("A-1"));
            return held;
        });
        Run run = run(activation(false), 1);
        run.order().begin(0);
        Batch read = Batch.read(0, List.of(row("A-1"), row("A-2"), row("A-2"), row("A-3")), null);

        Batch left = new SkipDelivered(ledger).skip(run, read);

        assertThat(left.eventIds()).containsExactly("A-2", "A-3");
        assertThat(left.rows()).extracting(r -> r.get("event_id")).containsExactly("A-2", "A-3");
        assertThat(left.rowsRead()).isEqualTo(4);
        assertThat(left.rowsSkipped()).isEqualTo(2);
        assertThat(left.index()).isZero();
        // the repeated A-2 is said; a repeat of A-1, which the ledger holds, would not be news
        assertThat(left.duplicates()).isEqualTo(Map.of("A-2", 1));
    }

    @Test
    void aRepeatOfADeliveredIdIsNoDuplicateToReport() {
        LedgerRepository ledger = mock(LedgerRepository.class);
        when(ledger.delivered(anyString(), anyString(), any())).thenReturn(Set.of("D-1"));
        Run run = run(activation(false), 1);
        run.order().begin(0);

        Batch left = new SkipDelivered(ledger).skip(run, Batch.read(0, List.of(row("D-1"), row("D-1")), null));

        assertThat(left.eventIds()).isEmpty();
        assertThat(left.duplicates()).isEmpty();
    }

    @Test
    void anIdAnotherBatchOfTheRunIsSendingIsSkippedWithoutAskingTheLedgerForIt() {
        LedgerRepository ledger = mock(LedgerRepository.class);
        when(ledger.delivered(anyString(), anyString(), any())).thenReturn(Set.of());
        Run run = run(activation(false), 2);
        SkipDelivered skip = new SkipDelivered(ledger);
        run.order().begin(0);
        run.order().begin(1);

        Batch first = skip.skip(run, Batch.read(0, List.of(row("B-1")), null));
        Batch second = skip.skip(run, Batch.read(1, List.of(row("B-1"), row("B-2")), null));

        assertThat(first.eventIds()).containsExactly("B-1");
        assertThat(second.eventIds()).containsExactly("B-2");
        // another row of this run has B-1: a duplicate in the segment
        assertThat(second.duplicates()).isEqualTo(Map.of("B-1", 1));
    }

    @Test
    void theCursorMovesPastABatchOnlyOnceEachOfItsEventsAndHeldRowsIsSettled() {
        CursorPositions cursors = mock(CursorPositions.class);
        BatchCursor cursor = new BatchCursor(cursors, mock(Runs.class), CLOCK, Duration.ofSeconds(30));
        Run run = run(activation(true), 1);
        run.order().begin(0);
        Batch mapped = Batch.read(0, List.of(row("C-1")), "2026-12-01 11:00:00+00")
                .withRowsLeft(List.of(row("C-1")), List.of("C-1"))
                .mapped(List.of(event("C-1")), List.of());

        assertThatThrownBy(() -> cursor.advanceCursor(run, mapped))
                .isInstanceOf(BatchCursor.UnsettledChunkException.class)
                .hasMessageContaining("chunk 0 of the run is not settled: 1 event(s) prepared but neither delivered,"
                        + " refused nor parked (first: C-1)");
        verify(cursors, never()).advance(anyString(), anyString(), anyString(), any());

        Settlement.settled(mapped.settlement(), List.of("C-1"));
        cursor.advanceCursor(run, mapped);
        verify(cursors).advance("shop", "updated_at", "2026-12-01 11:00:00+00", CLOCK.instant());
    }

    @Test
    void aBatchNeverMappedDoesNotMoveTheCursor() {
        CursorPositions cursors = mock(CursorPositions.class);
        BatchCursor cursor = new BatchCursor(cursors, mock(Runs.class), CLOCK, Duration.ofSeconds(30));
        Run run = run(activation(true), 1);
        run.order().begin(0);

        assertThatThrownBy(() -> cursor.advanceCursor(run, Batch.read(0, List.of(row("D-1")), "x")))
                .hasMessageContaining("its rows were never mapped (no map-batch step ran)");
        verify(cursors, never()).advance(anyString(), anyString(), anyString(), any());
    }

    @Test
    void halvesOfABatchSettleOnItsAccountAndShareItsHalvings() {
        Batch mapped = Batch.read(0, new ArrayList<>(), null)
                .withRowsLeft(List.of(), List.of())
                .mapped(List.of(event("E-1"), event("E-2")), List.of());
        Batch half = mapped.withEvents(List.of(event("E-1")));

        Settlement.settled(half.settlement(), List.of("E-1"));
        Settlement.settled(mapped.withEvents(List.of(event("E-2"))).settlement(), List.of("E-2"));

        assertThat(mapped.settlement().unsettled()).isNull();
        assertThat(half.takeHalving(1)).isTrue();
        assertThat(mapped.takeHalving(1)).isFalse();
        assertThat(mapped.toString()).doesNotContain("E-1").isEqualTo("batch 0 (0 rows, 2 events)");
    }
}
