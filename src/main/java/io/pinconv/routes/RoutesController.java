package io.pinconv.routes;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/routes/reload}: behind the admin API's login, like the rest of /api. */
@RestController
@RequestMapping("/api/routes")
public class RoutesController {

    private final RouteReloader reloader;

    public RoutesController(RouteReloader reloader) {
        this.reloader = reloader;
    }

    @PostMapping("/reload")
    public ResponseEntity<Map<String, Object>> reload() {
        RouteReloader.Result r = reloader.reload();
        Map<String, Object> body = new LinkedHashMap<>();
        if (r.outcome() == RouteReloader.Outcome.RELOADED) {
            body.put("files", r.files());
            body.put("routes", r.routes());
            return ResponseEntity.ok(body);
        }
        body.put("error", r.error());
        HttpStatus status = switch (r.outcome()) {
            case REFUSED -> HttpStatus.UNPROCESSABLE_ENTITY;
            case BUSY, NOT_CONFIGURED -> HttpStatus.CONFLICT;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        return ResponseEntity.status(status).body(body);
    }
}
