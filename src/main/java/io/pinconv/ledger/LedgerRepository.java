package io.pinconv.ledger;

import java.util.Collection;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The ledger of delivered events as the {@code skip-delivered} step reads it: one look-up for a whole batch
 * (up to 1,000 ids in one query), keyed on the event id within an ad account and event type.
 *
 * <p>It only reads: the ledger is written by the {@code record} step, with Pinterest's answer, and by nothing
 * else. It is not Camel's IdempotentRepository: the idempotent consumer would look up each id alone and add
 * the key when the message arrives, confirming it when the exchange completes, which for a batch is before
 * Pinterest answered (camel.md, trap 7).
 */
@Component
public class LedgerRepository {

    private final DeliveredEvents delivered;

    public LedgerRepository(DeliveredEvents delivered) {
        this.delivered = delivered;
    }

    /** Those of {@code eventIds} the ledger holds for the ad account and event type. */
    public Set<String> delivered(String adAccountId, String eventName, Collection<String> eventIds) {
        return delivered.alreadyDelivered(adAccountId, eventName, eventIds);
    }
}
