package io.pinconv.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentQueryTest {

    @Test
    void selectsEachMappedColumnQuotedUnderItsFieldName() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("event_id", "order_id");
        columns.put("order_id", "order_id");
        columns.put("email", "E-Mail \"x\"");
        assertThat(SegmentQuery.select("analytics.purchase_events", columns)).isEqualTo(
                "SELECT \"order_id\" AS \"event_id\", \"order_id\" AS \"order_id\", \"E-Mail \"\"x\"\"\" AS \"email\""
                        + " FROM analytics.purchase_events");
    }

    @Test
    void onlyPlainTableNamesAreAccepted() {
        assertThat(SegmentNames.isValidTable("purchase_events")).isTrue();
        assertThat(SegmentNames.isValidTable("analytics.purchase_events")).isTrue();
        assertThat(SegmentNames.isValidTable("a; DROP TABLE x")).isFalse();
        assertThat(SegmentNames.isValidTable("a.b.c")).isFalse();
    }
}
