package io.pinconv.pinterest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DestinationProperties;
import io.pinconv.egress.AccessTokens;
import io.pinconv.egress.EgressRefusedException;
import io.pinconv.egress.HttpEgressGuard;
import io.pinconv.egress.Origin;
import io.pinconv.mapping.Hashing;
import io.pinconv.text.SafeText;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The connection test of a destination: one request to its events endpoint with {@code ?test=true} (Pinterest
 * validates it and records nothing) carrying one harmless synthetic event, which tells a wrong ad account, a token
 * without access or an unreachable host before the first run. Run once at start, in the background (never delaying
 * the start; {@code conversions.connection-test.at-start=false} turns it off), and on demand (the admin API).
 *
 * <p>The request goes out as the runs' requests do: through Camel's HTTP client, whose egress guard allows only the
 * allow-list's hosts and adds the access token inside the client, only for the destination's own base-url host (the
 * request names its destination; the token never sits on the exchange); and it waits for the ad account's rate limit
 * (AdAccountLimits). It is no delivery: nothing is written to the ledger or the runs, and it counts in no run metric.
 * The last result of each destination is kept in memory for health.
 */
@Component
public class ConnectionTests {

    private static final Logger log = LoggerFactory.getLogger(ConnectionTests.class);

    /** The e-mail address the synthetic event carries (hashed): no one's. */
    static final String TEST_EMAIL = "connection-test@example.com";
    /** TEST-NET-1 (RFC 5737): an address that is no one's. */
    static final String TEST_IP = "192.0.2.1";

    static final String USER_AGENT = "pinterest-conversions connection test";

    /**
     * One test's result.
     *
     * @param connection {@code ok}, {@code failed}, or {@code not tested} (a dry run)
     * @param status     Pinterest's HTTP status, or null when no answer came
     */
    public record Result(String destinationId, String connection, String message, Instant testedAt, Integer status) {

        public static final String OK = "ok";
        public static final String FAILED = "failed";
        public static final String NOT_TESTED = "not tested";

        public boolean failed() {
            return FAILED.equals(connection);
        }
    }

    private final ConversionsProperties properties;
    private final AccessTokens tokens;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final AdAccountLimits limits;
    private final Clock clock;
    private final boolean atStart;
    private final Map<String, Result> last = new ConcurrentHashMap<>();

    public ConnectionTests(
            ConversionsProperties properties,
            AccessTokens tokens,
            ProducerTemplate producer,
            ObjectMapper json,
            AdAccountLimits limits,
            Clock clock,
            @Value("${conversions.connection-test.at-start:true}") boolean atStart) {
        this.properties = properties;
        this.tokens = tokens;
        this.producer = producer;
        this.json = json;
        this.limits = limits;
        this.clock = clock;
        this.atStart = atStart;
    }

    /** At start, in the background: every destination is tested once; the start neither waits nor fails. */
    @EventListener(ApplicationReadyEvent.class)
    public void testAllAtStart() {
        if (!atStart || properties.destinations().isEmpty()) {
            return;
        }
        Thread t = new Thread(
                () -> properties.destinations().keySet().forEach(id -> {
                    try {
                        test(id);
                    } catch (RuntimeException e) {
                        log.warn("The connection test of destination '{}' could not run ({})", id, e.toString());
                    }
                }),
                "connection-tests");
        t.setDaemon(true);
        t.start();
    }

    /** The last result of a destination's test, if it was tested since the start. */
    public Optional<Result> last(String destinationId) {
        return Optional.ofNullable(last.get(destinationId));
    }

    /** Tests a destination now (a dry run is not tested), and keeps the result. */
    public Result test(String destinationId) {
        DestinationProperties d = properties.destinations().get(destinationId);
        if (d == null) {
            throw new NoSuchDestinationException(destinationId);
        }
        Result r = run(destinationId, d);
        last.put(destinationId, r);
        if (r.failed()) {
            log.warn("Connection test of destination '{}' failed: {}", destinationId, r.message());
        } else {
            log.info("Connection test of destination '{}': {}", destinationId, r.message());
        }
        return r;
    }

    private Result run(String id, DestinationProperties d) {
        Instant now = clock.instant();
        if (d.dryRun()) {
            return new Result(id, Result.NOT_TESTED, "dry run: not tested", now, null);
        }
        String account = d.adAccountId() == null ? "" : d.adAccountId().strip();
        if (!account.matches("\\d{1,18}")) {
            return new Result(
                    id,
                    Result.FAILED,
                    "ad-account-id is not set or not digits: set conversions.destinations." + id + ".ad-account-id",
                    now,
                    null);
        }
        if (!tokens.isSet(id)) {
            return new Result(
                    id,
                    Result.FAILED,
                    "no access token: set conversions.destinations." + id + ".access-token",
                    now,
                    null);
        }
        try {
            RateLimiter.waitForPermission(limits.of(account));
        } catch (RequestNotPermitted e) {
            return new Result(
                    id,
                    Result.FAILED,
                    "the rate limit of ad account " + account + " (" + limits.requestsPerMinute()
                            + " requests a minute) is used up: test again later",
                    clock.instant(),
                    null);
        }
        Exchange answer = producer.send(
                PinterestApi.eventsUrl(d)
                        + "?throwExceptionOnFailure=false&headerFilterStrategy=#pinterestHeaderFilter",
                e -> {
                    e.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    e.getMessage().setHeader(Exchange.HTTP_QUERY, "test=true");
                    // the HTTP client adds the token for this destination's own host only (HttpEgressGuard)
                    e.getMessage().setHeader(HttpEgressGuard.DESTINATION_HEADER, id);
                    // a minute back: a clock a little ahead of Pinterest's must not make it an event of the future
                    e.getMessage().setBody(body(clock.instant().minusSeconds(60)));
                });
        Instant at = clock.instant();
        if (answer.getException() != null) {
            return new Result(id, Result.FAILED, unreachable(d, answer.getException()), at, null);
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String text = answer.getMessage().getBody(String.class);
        return verdict(id, account, status == null ? 0 : status, text, at);
    }

    /** {"data": [one synthetic page visit]}: hashed e-mail of no one, a documentation IP address, a random id. */
    String body(Instant now) {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("event_name", "page_visit");
        event.put("action_source", "web");
        event.put("event_time", now.getEpochSecond());
        event.put("event_id", "connection-test-" + UUID.randomUUID());
        event.put(
                "user_data",
                Map.of(
                        "em", List.of(Hashing.sha256Hex(TEST_EMAIL)),
                        "client_ip_address", TEST_IP,
                        "client_user_agent", USER_AGENT));
        try {
            return json.writeValueAsString(Map.of("data", List.of(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values", e);
        }
    }

    /** What Pinterest's answer to the test request says, and what to do about it. */
    Result verdict(String id, String account, int status, String body, Instant at) {
        String said = pinterestSays(status, body);
        return switch (status) {
            case 200, 422 -> {
                String refused = eventError(body);
                yield new Result(
                        id,
                        Result.OK,
                        refused == null
                                ? "Pinterest accepted a test event for ad account " + account
                                        + " (sent with test=true: nothing recorded)"
                                : "the token and ad account " + account
                                        + " work, but Pinterest refused the test event: " + refused,
                        at,
                        status);
            }
            case 401 ->
                new Result(
                        id,
                        Result.FAILED,
                        "Pinterest refused the access token (" + said + "): check conversions.destinations." + id
                                + ".access-token; it may be wrong, expired or revoked",
                        at,
                        status);
            case 403 ->
                new Result(
                        id,
                        Result.FAILED,
                        "the ad account " + account + " is not reachable with this token (" + said
                                + "): check ad-account-id, or give the token access to it (its user must own the ad"
                                + " account or hold Admin, Analyst, Audience or Campaign access on it)",
                        at,
                        status);
            case 404 ->
                new Result(
                        id,
                        Result.FAILED,
                        "the ad account " + account + " was not found (" + said
                                + "): check ad-account-id, or give the token access to it",
                        at,
                        status);
            case 429 ->
                new Result(
                        id,
                        Result.FAILED,
                        "Pinterest's rate limit was hit (" + said + "): test again later",
                        at,
                        status);
            default ->
                new Result(
                        id,
                        Result.FAILED,
                        status >= 500
                                ? "Pinterest failed to answer (" + said + "): test again later"
                                : "Pinterest refused the test request (" + said + ")",
                        at,
                        status);
        };
    }

    private String pinterestSays(int status, String body) {
        String message = null;
        try {
            JsonNode root = body == null || body.isBlank() ? null : json.readTree(body);
            message = root == null ? null : root.path("message").asText(null);
        } catch (Exception e) {
            // an HTML page, or nothing: the status says enough
        }
        return message == null || message.isBlank() ? String.valueOf(status) : status + ": " + clean(message);
    }

    private String eventError(String body) {
        try {
            JsonNode root = json.readTree(body == null ? "{}" : body);
            JsonNode events = root.has("details") ? root.path("details").path("events") : root.path("events");
            JsonNode first = events.path(0);
            return "failed".equals(first.path("status").asText())
                    ? clean(first.path("error_message").asText("failed without an error message"))
                    : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String unreachable(DestinationProperties d, Throwable thrown) {
        Throwable root = thrown;
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EgressRefusedException refused) {
                return clean(refused.getMessage());
            }
            root = t;
        }
        return Origin.parse(d.baseUrl()) + " could not be reached ("
                + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + clean(root.getMessage()))
                + "): check base-url, and the network, DNS or proxy between the service and Pinterest";
    }

    private static String clean(String text) {
        String t = SafeText.withoutControlCharacters(text);
        return t.length() <= 300 ? t : t.substring(0, 300) + "…";
    }
}
