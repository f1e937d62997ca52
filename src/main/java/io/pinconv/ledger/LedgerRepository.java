package io.pinconv.ledger;

import java.util.Collection;
import java.util.Set;
import org.apache.camel.spi.IdempotentRepository;
import org.springframework.stereotype.Component;

/**
 * The ledger of delivered events as Camel's idempotent repository, keyed on the event id within an ad
 * account and event type ({@code adAccountId/eventName/eventId}), with a bulk look-up for a whole batch
 * (one query for up to 1,000 ids: the {@code skip-delivered} step).
 *
 * <p>It only reads. Camel's idempotent consumer adds a key when a message arrives and confirms it when the
 * message's exchange completes, which for a batch is before Pinterest answered (camel.md, trap 7); the
 * ledger is written by the {@code record} step, with Pinterest's answer, and by nothing else. So
 * {@link #add} answers whether the key is new without writing it, and confirm/remove have nothing to undo.
 */
@Component
public class LedgerRepository implements IdempotentRepository {

    private final DeliveredEvents delivered;

    public LedgerRepository(DeliveredEvents delivered) {
        this.delivered = delivered;
    }

    /** Those of {@code eventIds} the ledger holds for the ad account and event type. */
    public Set<String> delivered(String adAccountId, String eventName, Collection<String> eventIds) {
        return delivered.alreadyDelivered(adAccountId, eventName, eventIds);
    }

    public static String key(String adAccountId, String eventName, String eventId) {
        return adAccountId + "/" + eventName + "/" + eventId;
    }

    @Override
    public boolean contains(String key) {
        String[] parts = split(key);
        return !delivered(parts[0], parts[1], Set.of(parts[2])).isEmpty();
    }

    @Override
    public boolean add(String key) {
        return !contains(key);
    }

    @Override
    public boolean remove(String key) {
        return false;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("the ledger is cleared by replays (POST /api/activations/{id}/replay), never by a route");
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    private static String[] split(String key) {
        String[] parts = key == null ? new String[0] : key.split("/", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a ledger key is adAccountId/eventName/eventId, not '" + key + "'");
        }
        return parts;
    }
}
