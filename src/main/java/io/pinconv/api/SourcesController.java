package io.pinconv.api;

import io.pinconv.source.SourceStatus;
import io.pinconv.source.SourceStatuses;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The segment sources and whether each answers (GET /api/sources, for viewers): never a login nor a password. */
@RestController
@RequestMapping("/api/sources")
public class SourcesController {

    private final SourceStatuses statuses;

    public SourcesController(SourceStatuses statuses) {
        this.statuses = statuses;
    }

    @GetMapping
    public List<SourceStatus> list() {
        return statuses.all();
    }
}
