package io.pinconv.api;

import io.pinconv.ledger.AlertConditions;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The alert conditions in force (GET /api/alerts, for viewers): what is wrong now, and since when. */
@RestController
@RequestMapping("/api/alerts")
public class AlertsController {

    private final AlertConditions conditions;

    public AlertsController(AlertConditions conditions) {
        this.conditions = conditions;
    }

    @GetMapping
    public List<AlertConditions.Open> open() {
        return conditions.open();
    }
}
