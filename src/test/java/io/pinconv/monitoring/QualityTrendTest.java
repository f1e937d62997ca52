package io.pinconv.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QualityTrendTest {

    @Test
    void aFallHoldsUntilTheRatingIsBackWhereItWas() {
        assertThat(QualityTrend.judge(List.of("GOOD", "GOOD")).worse()).isFalse();
        assertThat(QualityTrend.judge(List.of("GOOD", "FAIR")))
                .isEqualTo(new QualityTrend.Verdict(true, "GOOD", "FAIR"));
        // staying down does not clear it; climbing part of the way back does not either
        assertThat(QualityTrend.judge(List.of("GOOD", "FAIR", "FAIR")).worse()).isTrue();
        assertThat(QualityTrend.judge(List.of("GOOD", "FAIR", "NEEDS_IMPROVEMENT", "FAIR")))
                .isEqualTo(new QualityTrend.Verdict(true, "GOOD", "FAIR"));
        assertThat(QualityTrend.judge(List.of("GOOD", "FAIR", "GOOD")))
                .isEqualTo(new QualityTrend.Verdict(false, "GOOD", "GOOD"));
    }

    @Test
    void aRiseIsNoFallAndSetsTheNewLevel() {
        assertThat(QualityTrend.judge(List.of("NEEDS_IMPROVEMENT", "FAIR")).worse())
                .isFalse();
        assertThat(QualityTrend.judge(List.of("NEEDS_IMPROVEMENT", "FAIR", "NEEDS_IMPROVEMENT")))
                .isEqualTo(new QualityTrend.Verdict(true, "FAIR", "NEEDS_IMPROVEMENT"));
    }

    @Test
    void nothingOrAnUnknownStatusIsNoFall() {
        assertThat(QualityTrend.judge(List.of()).worse()).isFalse();
        assertThat(QualityTrend.judge(List.of()).latest()).isNull();
        assertThat(QualityTrend.judge(List.of("GOOD", "EXCELLENT")))
                .isEqualTo(new QualityTrend.Verdict(false, "GOOD", "GOOD"));
    }
}
