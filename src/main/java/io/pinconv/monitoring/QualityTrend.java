package io.pinconv.monitoring;

import io.pinconv.pinterest.EventQualityApi;
import java.util.List;

/**
 * Whether Pinterest's rating (overall_status) of a destination's events has worsened: it holds while the latest
 * rating is worse than the rating it had before it fell, and clears once it is back there (or better). A rating that
 * stays down does not clear by itself, and a fall that continues (GOOD, FAIR, NEEDS_IMPROVEMENT) is one condition,
 * measured against GOOD throughout; a rise while still below it (NEEDS_IMPROVEMENT, then FAIR) keeps it open.
 */
public final class QualityTrend {

    /**
     * @param worse  whether the latest rating is worse than the one before the fall
     * @param before the rating before the fall (the latest when it did not fall)
     * @param latest the latest rating
     */
    public record Verdict(boolean worse, String before, String latest) {}

    private QualityTrend() {}

    /** @param oldestFirst the overall statuses of one look-back and platform, fetch by fetch */
    public static Verdict judge(List<String> oldestFirst) {
        String before = null;
        String latest = null;
        for (String s : oldestFirst) {
            int rank = EventQualityApi.Score.rank(s);
            if (rank < 0) {
                // a status Pinterest added since: neither a fall nor a recovery
                continue;
            }
            latest = s;
            if (before == null || rank >= EventQualityApi.Score.rank(before)) {
                before = s;
            }
        }
        boolean worse = latest != null && EventQualityApi.Score.rank(latest) < EventQualityApi.Score.rank(before);
        return new Verdict(worse, before, latest);
    }
}
