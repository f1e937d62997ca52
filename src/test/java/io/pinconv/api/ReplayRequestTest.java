package io.pinconv.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A replay's body: every mistake is a 400 (IllegalArgumentException) that says what to write. */
class ReplayRequestTest {

    @Test
    void namedEventsWithAReason() {
        ReplayRequest r = ReplayRequest.of(Map.of("eventIds", List.of("A-1", 42), "reason", "customer\nasked"));
        assertThat(r.eventIds()).containsExactly("A-1", "42");
        assertThat(r.reason()).isEqualTo("customer asked");
        assertThat(ReplayRequest.of(Map.of("eventIds", List.of())).reason()).isEqualTo("requested through the API");
    }

    @Test
    void aRangeOfInstants() {
        ReplayRequest r = ReplayRequest.of(Map.of("from", "2026-11-30T00:00:00Z", "to", "2026-12-01T00:00:00Z"));
        assertThat(r.from()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(r.eventIds()).isNull();
    }

    @Test
    void anEventIdIs256CharactersAtMost() {
        assertThat(ReplayRequest.of(Map.of("eventIds", List.of("é".repeat(256))))
                        .eventIds())
                .hasSize(1);
        assertThatThrownBy(() -> ReplayRequest.of(Map.of("eventIds", List.of("A-1", "B-2", "x".repeat(1000)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eventIds[2] is 1,000 characters long: an event id is at most 256 characters");
    }

    @Test
    void tenThousandIdsAtMost() {
        assertThat(ReplayRequest.of(Map.of("eventIds", Collections.nCopies(10_000, "A")))
                        .eventIds())
                .hasSize(10_000);
        assertThatThrownBy(() -> ReplayRequest.of(Map.of("eventIds", Collections.nCopies(70_000, "A"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("at most 10,000 eventIds per call (found 70,000)")
                .hasMessageContaining("from and to");
    }

    @Test
    void unreadableInstantsSayTheFormat() {
        for (Object from : new Object[] {"yesterday", 1764460800, "2026-11-30", List.of()}) {
            assertThatThrownBy(() -> ReplayRequest.of(Map.of("from", from, "to", "2026-12-01T00:00:00Z")))
                    .as("%s", from)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("from must be an ISO-8601 instant, e.g. 2026-11-30T00:00:00Z");
        }
        assertThatThrownBy(() -> ReplayRequest.of(Map.of("from", "2026-11-30T00:00:00Z")))
                .hasMessageContaining("from and to");
    }

    @Test
    void wrongTypesAndMixedFormsAreRefused() {
        assertThatThrownBy(() -> ReplayRequest.of(Map.of("eventIds", "A-1")))
                .hasMessageContaining("eventIds must be an array");
        List<Object> withNull = new java.util.ArrayList<>(List.of("A-1"));
        withNull.add(null);
        assertThatThrownBy(() -> ReplayRequest.of(Map.of("eventIds", withNull))).hasMessageContaining("found null");
        assertThatThrownBy(() -> ReplayRequest.of(Map.of("eventIds", List.of(Map.of("id", 1)))))
                .hasMessageContaining("found an object");
        assertThatThrownBy(() -> ReplayRequest.of(Map.of("eventIds", List.of("A"), "reason", 5)))
                .hasMessage("reason must be a string");
        assertThatThrownBy(() -> ReplayRequest.of(Map.of("eventIds", List.of("A"), "from", "2026-11-30T00:00:00Z")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ReplayRequest.of(new HashMap<>())).hasMessageContaining("give eventIds");
        assertThatThrownBy(() -> ReplayRequest.of(Map.of("eventIds", List.of("A"), "reason", "r".repeat(501))))
                .hasMessageContaining("at most 500 characters");
    }
}
