package io.pinconv.health;

import io.pinconv.source.SourceStatus;
import io.pinconv.source.SourceStatuses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * /actuator/health shows each segment source (under segmentSources): whether it answers, its engine and server, or why it does not. Never
 * its login nor the parameters of its URL.
 */
@Component("segmentSources")
public class SourcesHealth implements HealthIndicator {

    private final SourceStatuses statuses;

    public SourcesHealth(SourceStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean down = false;
        for (SourceStatus s : statuses.all()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("engine", s.engine());
            d.put("url", s.url());
            if (s.reachable()) {
                d.put("state", "answering");
                d.put("server", s.product());
            } else {
                d.put("state", "not answering");
                d.put("reason", s.problem());
                down = true;
            }
            details.put(s.id(), d);
        }
        return (down ? Health.down() : Health.up()).withDetails(details).build();
    }
}
