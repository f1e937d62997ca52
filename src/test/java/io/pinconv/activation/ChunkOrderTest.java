package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rules chunks side by side keep: the cursor in reading order, one sender per id, bounded reading. */
class ChunkOrderTest {

    @Test
    void theCursorMovesOnlyPastChunksSettledWithEveryChunkReadBeforeThem() {
        ChunkOrder order = new ChunkOrder(3);
        for (int i = 0; i < 3; i++) {
            order.read();
            order.begin(i);
        }
        assertThat(order.settled(1, "p1")).as("chunk 0 is still in flight").isNull();
        assertThat(order.settled(2, "p2")).isNull();
        assertThat(order.settled(0, "p0"))
                .as("0, 1 and 2 are settled: the newest position")
                .isEqualTo("p2");
    }

    @Test
    void afterAFailedChunkTheCursorStaysBeforeItAndReadingStops() throws Exception {
        ChunkOrder order = new ChunkOrder(2);
        order.read();
        order.begin(0);
        order.read();
        order.begin(1);
        assertThat(order.settled(0, "p0")).isEqualTo("p0");
        order.failed(1);
        order.read();
        order.begin(2);
        assertThat(order.settled(2, "p2")).as("never past the failed chunk").isNull();
        assertThat(order.stopped()).isTrue();
        assertThat(order.awaitRoom()).isFalse();
    }

    @Test
    void anIdIsSentByOneChunkInFlightAtATime() {
        ChunkOrder order = new ChunkOrder(2);
        order.begin(0);
        order.begin(1);
        assertThat(order.claim(0, List.of("a", "b"))).containsExactly("a", "b");
        assertThat(order.claim(1, List.of("b", "c"))).as("b is chunk 0's").containsExactly("c");
        order.settled(0, null);
        order.begin(2);
        assertThat(order.claim(2, List.of("b")))
                .as("released once chunk 0 is recorded")
                .containsExactly("b");
    }

    @Test
    void readingWaitsForRoomAndAFailedRunWaitsForTheChunksThatBegan() throws Exception {
        ChunkOrder order = new ChunkOrder(1);
        assertThat(order.awaitRoom()).isTrue();
        order.read();
        order.begin(0);
        assertThat(order.awaitRoom()).as("one chunk may be read ahead").isTrue();
        order.read();
        CompletableFuture<Boolean> reader = new CompletableFuture<>();
        Thread readerThread = new Thread(() -> {
            try {
                reader.complete(order.awaitRoom());
            } catch (InterruptedException e) {
                reader.completeExceptionally(e);
            }
        });
        readerThread.start();
        // the reader is parked inside awaitRoom's wait: it found no room, rather than not having asked yet
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> readerThread.getState() == Thread.State.TIMED_WAITING);
        assertThat(reader).as("no room while chunk 0 is in flight").isNotDone();
        assertThat(order.awaitIdle(Duration.ofMillis(100))).isFalse();
        order.settled(0, null);
        assertThat(reader.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(order.awaitIdle(Duration.ofMillis(100))).isTrue();
    }

    @Test
    void aChunkThatEndsUnsettledFreesItsPlaceStopsTheRunAndIsNamed() throws Exception {
        ChunkOrder order = new ChunkOrder(2);
        order.read();
        order.begin(0);
        order.read();
        order.begin(1);
        order.settled(0, "p0");
        order.ended(0);
        assertThat(order.endedUnsettled())
                .as("a settled chunk ended as it should")
                .isNull();
        order.ended(1);
        assertThat(order.endedUnsettled()).isEqualTo(1);
        assertThat(order.stopped()).isTrue();
        assertThat(order.awaitIdle(Duration.ofMillis(100)))
                .as("nothing is left to wait for")
                .isTrue();
    }

    @Test
    void aChunkThatStartsOnceTheRunStoppedTakesNoPlaceAndSendsNothing() throws Exception {
        ChunkOrder order = new ChunkOrder(2);
        order.read();
        order.begin(0);
        order.failed(0);
        order.read();
        assertThat(order.begin(1)).isFalse();
        assertThat(order.claim(1, List.of("a"))).isEmpty();
        assertThat(order.awaitIdle(Duration.ofMillis(100)))
                .as("the failing run does not wait for it")
                .isTrue();
    }
}
