package io.pinconv.activation;

import io.pinconv.mapping.ConversionEvent;
import io.pinconv.mapping.EventIds;
import io.pinconv.mapping.EventMapper;
import io.pinconv.mapping.RowVerdict;
import io.pinconv.pinterest.PinterestApi;
import io.pinconv.segment.SegmentRead;
import io.pinconv.segment.SegmentReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What a mapping makes of the first rows of a segment, without sending or recording anything: the
 * request that would go out (hashed, IP and user agent masked) and the verdict on each row.
 */
@Component
public class Previews {

    /** One row's verdict. */
    public record RowPreview(String eventId, String verdict, String reason, String field, String message) {}

    public record Preview(String activationId, int rows, String request, List<RowPreview> verdicts) {}

    private final ActivationCatalog catalog;
    private final SegmentReader segments;
    private final PinterestApi api;
    private final Clock clock;

    public Previews(ActivationCatalog catalog, SegmentReader segments, PinterestApi api, Clock clock) {
        this.catalog = catalog;
        this.segments = segments;
        this.api = api;
        this.clock = clock;
    }

    public Preview preview(String activationId, int rows) {
        Activation activation = catalog.get(activationId);
        int n = Math.max(1, Math.min(rows, 1000));
        SegmentRead all = new SegmentRead(activation.segment(), activation.columnByField(), null, null, null);
        List<Map<String, Object>> read = activation.source() == null
                ? segments.sample(all, n, activation.columnTypes())
                : segments.sample(
                        all, n, activation.dialect(), activation.source().pool(), activation.timeKinds());
        Instant now = clock.instant();
        List<RowPreview> verdicts = new ArrayList<>();
        List<ConversionEvent> events = new ArrayList<>();
        for (Map<String, Object> row : read) {
            RowVerdict v = EventMapper.map(activation.mapping(), row, EventIds.of(activation.mapping(), row), now);
            if (v instanceof RowVerdict.Send send) {
                events.add(send.event());
                verdicts.add(
                        send.warnings().isEmpty()
                                ? new RowPreview(v.eventId(), "send", null, null, null)
                                : new RowPreview(
                                        v.eventId(),
                                        "send without "
                                                + String.join(
                                                        ", ",
                                                        send.warnings().stream()
                                                                .map(w -> w.field())
                                                                .toList()),
                                        null,
                                        send.warnings().get(0).field(),
                                        String.join(
                                                "; ",
                                                send.warnings().stream()
                                                        .map(w -> w.message())
                                                        .toList())));
            } else if (v instanceof RowVerdict.HoldBack hold) {
                var r = hold.rejection();
                verdicts.add(new RowPreview(r.eventId(), "hold back", r.reason().code(), r.field(), r.message()));
            }
        }
        return new Preview(activationId, read.size(), events.isEmpty() ? null : api.shareableBody(events), verdicts);
    }
}
