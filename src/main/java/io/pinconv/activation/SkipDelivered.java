package io.pinconv.activation;

import io.pinconv.ledger.LedgerRepository;
import io.pinconv.mapping.EventIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * The {@code skip-delivered} step: drops from a batch the rows whose event the ledger already holds for the
 * ad account and event type (one bulk look-up in the ledger), the second of two rows with
 * the same id, and rows whose id a chunk beside this one is sending right now. What is left goes on to be
 * mapped, with its event ids (so that they are computed once: a derived id is a SHA-256 of the row).
 */
@Component
public class SkipDelivered {

    private final LedgerRepository ledger;

    public SkipDelivered(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    /** The batch without the rows to skip, each row left with its event id. */
    public Batch skip(@Variable(Run.VARIABLE) Run run, @Body Batch batch) {
        Activation activation = run.activation();
        List<Map<String, Object>> rows = batch.rows();
        List<String> ids = new ArrayList<>(rows.size());
        // the distinct ids in reading order, in one pass (the same id twice in a chunk: the second row is skipped)
        Set<String> distinct = new LinkedHashSet<>(rows.size() * 2);
        boolean repeated = false;
        for (Map<String, Object> row : rows) {
            String id = EventIds.of(activation.mapping(), row);
            ids.add(id);
            if (id != null && !distinct.add(id)) {
                repeated = true;
            }
        }
        // claimed before the ledger is asked: a chunk beside this one records its ids before it releases them
        List<String> claimed = run.order().claim(batch.index(), distinct);
        Set<String> free = claimed.size() == distinct.size() ? distinct : new HashSet<>(claimed);
        Set<String> done =
                new HashSet<>(ledger.delivered(activation.destination().adAccountId(), activation.eventType(), free));
        if (free != distinct) {
            distinct.stream().filter(id -> !free.contains(id)).forEach(done::add);
        }

        List<Map<String, Object>> left = new ArrayList<>(rows.size());
        List<String> leftIds = new ArrayList<>(rows.size());
        Set<String> seen = repeated ? new HashSet<>() : null;
        Map<String, Integer> duplicates = Map.of();
        for (int i = 0; i < rows.size(); i++) {
            String id = ids.get(i);
            if (id == null) {
                left.add(rows.get(i));
                leftIds.add(null);
                continue;
            }
            // a repeat of a row of this run read before it (in this chunk, or in one beside it being sent now): the
            // segment has two conversions with one id, which the user must hear of; a row the ledger holds does not
            boolean claimedBeside = free != distinct && !free.contains(id);
            boolean repeat = claimedBeside || (seen != null && !seen.add(id) && !done.contains(id));
            if (repeat) {
                if (duplicates.isEmpty()) {
                    duplicates = new LinkedHashMap<>();
                }
                duplicates.merge(id, 1, Integer::sum);
                continue;
            }
            if (done.contains(id)) {
                continue;
            }
            left.add(rows.get(i));
            leftIds.add(id);
        }
        return batch.withRowsLeft(left, leftIds, duplicates);
    }
}
