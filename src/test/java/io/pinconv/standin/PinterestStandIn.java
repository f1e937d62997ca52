package io.pinconv.standin;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A stand-in for {@code POST /v5/ad_accounts/{id}/events} over real HTTP (WireMock), checking requests
 * the way Pinterest documents (bearer token, 1 to 1000 events, required keys and types, hashed values
 * as arrays of SHA-256 hex, no unknown keys) and answering the way Pinterest does: 200 with a status
 * per event, 422 with the same in {@code details} when some failed, 401, 400. Tests can script
 * failures (status codes for the next requests, events to refuse) and read what it accepted.
 *
 * <p>Also: the service's connection tests (one event {@code connection-test-...} with {@code ?test=true}) are
 * answered like any request but counted apart ({@link #connectionTests()}), never in {@link #requests()} nor taking a
 * scripted fault, so that a test at start changes nothing for the tests that count requests; the ad accounts the token
 * may reach can be limited ({@link #onlyAdAccounts}: others answer 403 as Pinterest does); and {@code GET
 * /v5/ad_accounts/{id}/conversion_eqs} answers the Event Quality Score set per look-back ({@link #eqs}) to a request
 * with the OAuth token ({@code Bearer <oauth-token>}, 401 otherwise) and the parameters openapi.yaml names
 * (lookback_period required, 1d or 14d; ingestion_source and source_platform from their enums; 400 otherwise).
 */
public class PinterestStandIn implements ResponseDefinitionTransformerV2 {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PATH = Pattern.compile("/v5/ad_accounts/(\\d{1,18})/events");
    private static final Set<String> EVENT_KEYS = Set.of(
            "event_name",
            "action_source",
            "event_time",
            "event_id",
            "event_source_url",
            "opt_out",
            "partner_name",
            "user_data",
            "custom_data",
            "app_id",
            "app_name",
            "app_version",
            "device_brand",
            "device_carrier",
            "device_model",
            "device_type",
            "os_version",
            "wifi",
            "language",
            "app_info",
            "device_info");
    private static final Set<String> HASHED =
            Set.of("em", "hashed_maids", "ph", "fn", "ln", "ge", "db", "ct", "st", "zp", "country", "external_id");
    private static final Set<String> PLAIN_USER =
            Set.of("client_ip_address", "client_user_agent", "click_id", "partner_id");
    private static final Set<String> CUSTOM_KEYS = Set.of(
            "currency",
            "value",
            "content_ids",
            "content_name",
            "content_category",
            "content_brand",
            "contents",
            "num_items",
            "order_id",
            "search_string",
            "opt_out_type",
            "predicted_ltv",
            "np",
            "external_measurement_id",
            "external_measurement_vendor_id");
    private static final Set<String> ACTION_SOURCES = Set.of("app_android", "app_ios", "web", "offline");

    private final String token;
    private final boolean keepEvents;
    private final WireMockServer server;
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final List<String> acceptedIds = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Deque<String> scripted = new ConcurrentLinkedDeque<>();
    private final Set<String> refusedEventIds = ConcurrentHashMap.newKeySet();
    private final Set<String> poisonedEventIds = ConcurrentHashMap.newKeySet();
    private final Set<String> warnedEventIds = ConcurrentHashMap.newKeySet();
    private final java.util.List<Long> requestTimes = new CopyOnWriteArrayList<>();
    private volatile double[] chaos;
    private volatile java.util.Random random = new java.util.Random(7);
    private volatile String expectedToken;
    private volatile long delayEveryMs;
    private final java.util.Map<Integer, Runnable> onRequest = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger testRequests = new AtomicInteger();
    private final AtomicInteger connectionTests = new AtomicInteger();
    private final Set<String> reachableAdAccounts = ConcurrentHashMap.newKeySet();
    private final Map<String, String> eqsAnswers = new ConcurrentHashMap<>();
    private final List<String> eqsQueries = new CopyOnWriteArrayList<>();
    private volatile String oauthToken;

    private static final Pattern EQS_PATH = Pattern.compile("/v5/ad_accounts/(\\d{1,18})/conversion_eqs");
    private static final Set<String> LOOKBACKS = Set.of("1d", "14d");
    private static final Set<String> INGESTION_SOURCES =
            Set.of("TAG", "MMP", "FILE_UPLOAD", "CONVERSIONS_API", "NATIVE");
    private static final Set<String> SOURCE_PLATFORMS = Set.of(
            "WEB",
            "MOBILE",
            "MOBILE_ANDROID",
            "MOBILE_IOS",
            "OFFLINE",
            "PINTEREST_WEB",
            "PINTEREST_ANDROID",
            "PINTEREST_IOS",
            "POINT_OF_SALE");

    public PinterestStandIn(String token) {
        this(token, true);
    }

    /** @param keepEvents false keeps only the ids of accepted events, for segments of many rows */
    public PinterestStandIn(String token, boolean keepEvents) {
        this.token = token;
        this.expectedToken = token;
        this.keepEvents = keepEvents;
        this.server = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .extensions(this)
                .containerThreads(20)
                .jettyAcceptors(2)
                .disableRequestJournal());
        server.start();
        server.stubFor(WireMock.post(WireMock.urlPathMatching("/v5/ad_accounts/.*/events"))
                .willReturn(WireMock.aResponse().withTransformers(getName())));
        server.stubFor(WireMock.get(WireMock.urlPathMatching("/v5/ad_accounts/.*/conversion_eqs"))
                .willReturn(WireMock.aResponse().withTransformers(getName())));
    }

    /** The service's connection tests that reached the stand-in (answered like any request, counted apart). */
    public int connectionTests() {
        return connectionTests.get();
    }

    /** From now on the token reaches only these ad accounts: a request for another is answered 403, as Pinterest does. */
    public void onlyAdAccounts(String... adAccountIds) {
        reachableAdAccounts.clear();
        Collections.addAll(reachableAdAccounts, adAccountIds);
    }

    /** The OAuth token (ads:read) the quality score is read with; without one, every such request is answered 401. */
    public void acceptOAuthToken(String token) {
        oauthToken = token;
    }

    /** The answer to {@code conversion_eqs?lookback_period=<lookback>}: a JSON array of EventQualityScore. */
    public void eqs(String lookback, String jsonArray) {
        eqsAnswers.put(lookback, jsonArray);
    }

    /**
     * One EventQualityScore, as openapi.yaml's schema has it: CONVERSIONS_API on WEB, with the coverage of e-mails and
     * IP addresses for checkouts.
     */
    public static String eqsScore(String lookback, String overallStatus, double emailCoverage, double ipCoverage) {
        ObjectNode score = JSON.createObjectNode();
        score.put("ingestion_source", "CONVERSIONS_API");
        score.put("lookback_period", lookback);
        score.put("overall_status", overallStatus);
        score.put("source_platform", "WEB");
        ObjectNode components = score.putObject("quality_components");
        ObjectNode email = components.putObject("hashed_email").putObject("checkout");
        email.put("coverage", emailCoverage);
        ArrayNode issues = email.putArray("issues");
        if (emailCoverage < 50) {
            ObjectNode issue = issues.addObject();
            issue.put("id", "low_coverage");
            issue.put("name", "Low coverage");
            issue.put("reason", "Fewer than half of the events carry a hashed e-mail.");
        }
        components.putObject("ip_address").putObject("checkout").put("coverage", ipCoverage);
        components
                .putObject("external_event_id")
                .putObject("checkout")
                .put("coverage", 100)
                .put("overlap", 0);
        return JSON.createArrayNode().add(score).toString();
    }

    /** The query strings of the quality score requests answered 200, in order. */
    public List<String> eqsQueries() {
        return List.copyOf(eqsQueries);
    }

    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    public void stop() {
        server.stop();
    }

    /** Events Pinterest would have recorded, in arrival order (resends included). */
    public List<JsonNode> accepted() {
        if (!keepEvents) {
            throw new IllegalStateException("this stand-in keeps only event ids");
        }
        return List.copyOf(accepted);
    }

    public List<String> acceptedIds() {
        synchronized (acceptedIds) {
            return List.copyOf(acceptedIds);
        }
    }

    /** The number of events in each request that reached the stand-in, answered or not. */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** Everything the stand-in found wrong in the requests it got (each one answered 400). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    public int requests() {
        return requests.get();
    }

    /** Requests sent with ?test=true: answered like the others, and like Pinterest, recorded nowhere. */
    public int testRequests() {
        return testRequests.get();
    }

    /** The next requests are answered with these statuses, in order, before any checking. */
    public void answerNext(Integer... statuses) {
        for (Integer s : statuses) {
            scripted.add(String.valueOf(s));
        }
    }

    /**
     * The next requests meet these faults, in order: "429:N" (429 with Retry-After: N), "reset" (the
     * connection is reset before any answer), "slow:MS" (answered normally, events recorded, after MS ms).
     */
    public void faultNext(String... faults) {
        Collections.addAll(scripted, faults);
    }

    /**
     * Every request meets a fault at random, in these shares: 500, 503, 429 (Retry-After: 1), connection
     * reset. The same seed gives the same sequence.
     */
    public void chaos(double p500, double p503, double p429, double pReset, long seed) {
        random = new java.util.Random(seed);
        chaos = new double[] {p500, p503, p429, pReset};
    }

    /** A request holding any of these events is refused as a whole (400), as Pinterest does for a malformed one. */
    public void poisonEvents(Set<String> eventIds) {
        poisonedEventIds.addAll(eventIds);
    }

    /** These events are processed with a warning_message. */
    public void warnEvents(Set<String> eventIds) {
        warnedEventIds.addAll(eventIds);
    }

    /** From now on only this token is accepted (a token revoked, or access granted again). */
    public void acceptToken(String newToken) {
        expectedToken = newToken;
    }

    /** Every answer comes this much later (a slow Pinterest, or time for a test to act mid-run). */
    public void delayEvery(long ms) {
        delayEveryMs = ms;
    }

    /** Runs an action when the n-th request (counting from 1) arrives, before it is answered. */
    public void onRequest(int n, Runnable action) {
        onRequest.put(n, action);
    }

    /** When each request arrived (System.nanoTime()). */
    public List<Long> requestTimes() {
        return List.copyOf(requestTimes);
    }

    /** Events with these ids come back "failed", as Pinterest does for an event it refuses. */
    public void refuseEvents(Set<String> eventIds) {
        refusedEventIds.addAll(eventIds);
    }

    public void reset() {
        accepted.clear();
        acceptedIds.clear();
        batchSizes.clear();
        violations.clear();
        scripted.clear();
        refusedEventIds.clear();
        poisonedEventIds.clear();
        warnedEventIds.clear();
        requestTimes.clear();
        chaos = null;
        expectedToken = token;
        delayEveryMs = 0;
        onRequest.clear();
        requests.set(0);
        testRequests.set(0);
        connectionTests.set(0);
        reachableAdAccounts.clear();
        eqsAnswers.clear();
        eqsQueries.clear();
    }

    @Override
    public String getName() {
        return "pinterest-stand-in";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        if (EQS_PATH.matcher(request.getUrl().split("\\?")[0]).matches()) {
            return eqs(request);
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            body = null;
        }
        boolean connectionTest = isConnectionTest(request, body);
        String fault = null;
        if (connectionTest) {
            connectionTests.incrementAndGet();
        } else {
            int n = requests.incrementAndGet();
            requestTimes.add(System.nanoTime());
            Runnable action = onRequest.remove(n);
            if (action != null) {
                action.run();
            }
            if (body != null && body.path("data").isArray()) {
                batchSizes.add(body.get("data").size());
            }
            fault = scripted.poll();
        }
        if (fault == null && chaos != null && !connectionTest) {
            double r = random.nextDouble();
            double[] c = chaos;
            fault = r < c[0]
                    ? "500"
                    : r < c[0] + c[1]
                            ? "503"
                            : r < c[0] + c[1] + c[2] ? "429:1" : r < c[0] + c[1] + c[2] + c[3] ? "reset" : null;
        }
        long delayMs = delayEveryMs;
        if (fault != null) {
            if (fault.equals("reset")) {
                return ResponseDefinitionBuilder.responseDefinition()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)
                        .build();
            } else if (fault.startsWith("slow:")) {
                delayMs = Long.parseLong(fault.substring(5));
            } else if (fault.startsWith("429:")) {
                ResponseDefinition r = error(429, 8, "This request exceeded a rate limit.");
                return ResponseDefinitionBuilder.like(r)
                        .withHeader("Retry-After", fault.substring(4))
                        .build();
            } else {
                int status = Integer.parseInt(fault);
                return error(status, status == 429 ? 8 : 4197, "scripted answer " + status);
            }
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.equals("Bearer " + expectedToken)) {
            return error(401, 2, "Authentication failed.");
        }
        java.util.regex.Matcher path = PATH.matcher(request.getUrl().split("\\?")[0]);
        if (!path.matches()) {
            return violation("path " + request.getUrl() + " is not /v5/ad_accounts/{digits}/events");
        }
        if (!reachableAdAccounts.isEmpty() && !reachableAdAccounts.contains(path.group(1))) {
            return error(403, 29, "You are not permitted to access that resource.");
        }
        if (!request.contentTypeHeader().mimeTypePart().equals("application/json")) {
            return violation("content type " + request.contentTypeHeader().mimeTypePart());
        }
        if (body == null || !body.isObject()) {
            return violation("body is not a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("data")) {
                return violation("unknown top-level key " + key);
            }
        }
        JsonNode data = body.path("data");
        if (!data.isArray() || data.isEmpty() || data.size() > 1000) {
            return violation("data must hold 1 to 1000 events, not " + (data.isArray() ? data.size() : "none"));
        }
        List<String> contract = ConversionsSchema.violations(body);
        if (!contract.isEmpty()) {
            return violation("the body does not conform to Pinterest's schema: " + contract);
        }
        for (JsonNode event : data) {
            String problem = checkEvent(event);
            if (problem != null) {
                return violation("event " + event.path("event_id").asText("?") + ": " + problem);
            }
            if (poisonedEventIds.contains(event.path("event_id").asText())) {
                return error(400, 4196, "The request was invalid.");
            }
        }
        boolean test = request.queryParameter("test").isPresent()
                && "true".equals(request.queryParameter("test").firstValue());
        if (test && !connectionTest) {
            testRequests.incrementAndGet();
        }
        ArrayNode statuses = JSON.createArrayNode();
        int processed = 0;
        long now = Instant.now().getEpochSecond();
        for (JsonNode event : data) {
            ObjectNode status = statuses.addObject();
            long time = event.get("event_time").asLong();
            String error = null;
            if (time > now) {
                error = "Invalid event_timestamp parameter. Given timestamp is in the future.";
            } else if (time < now - 7 * 24 * 3600) {
                error = "Invalid event_timestamp parameter. Given timestamp is in the past. Current timestamp: " + now
                        + ", Given event_timestamp: " + time;
            } else if (refusedEventIds.contains(event.get("event_id").asText())) {
                error = "Event refused by the stand-in.";
            }
            if (error == null) {
                status.put("status", "processed");
                status.putNull("error_message");
                processed++;
                if (!test) {
                    acceptedIds.add(event.get("event_id").asText());
                    if (keepEvents) {
                        accepted.add(event);
                    }
                }
            } else {
                status.put("status", "failed");
                status.put("error_message", error);
            }
            status.put(
                    "warning_message",
                    warnedEventIds.contains(event.get("event_id").asText()) ? "Event has a non-standard field." : "");
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("num_events_received", data.size());
        result.put("num_events_processed", processed);
        result.set("events", statuses);
        if (processed == data.size()) {
            ResponseDefinition ok = json(200, result);
            return delayMs == 0
                    ? ok
                    : ResponseDefinitionBuilder.like(ok)
                            .withFixedDelay((int) delayMs)
                            .build();
        }
        ObjectNode detailed = JSON.createObjectNode();
        detailed.put("code", 953);
        detailed.put("message", "Not all events were successfully processed.");
        detailed.set("details", result);
        return json(422, detailed);
    }

    /** One event connection-test-..., sent with ?test=true: the service's connection test. */
    private static boolean isConnectionTest(Request request, JsonNode body) {
        return request.queryParameter("test").isPresent()
                && "true".equals(request.queryParameter("test").firstValue())
                && body != null
                && body.path("data").size() == 1
                && body.path("data").path(0).path("event_id").asText("").startsWith("connection-test-");
    }

    /** GET conversion_eqs, as openapi.yaml's operation conversion_eqs/list describes it. */
    private ResponseDefinition eqs(Request request) {
        String auth = request.getHeader("Authorization");
        String oauth = oauthToken;
        if (oauth == null || auth == null || !auth.equals("Bearer " + oauth)) {
            return error(401, 2, "Authentication failed.");
        }
        java.util.regex.Matcher path = EQS_PATH.matcher(request.getUrl().split("\\?")[0]);
        path.matches();
        if (!reachableAdAccounts.isEmpty() && !reachableAdAccounts.contains(path.group(1))) {
            return error(403, 29, "You are not permitted to access that resource.");
        }
        var lookback = request.queryParameter("lookback_period");
        if (!lookback.isPresent() || !LOOKBACKS.contains(lookback.firstValue())) {
            return violation("lookback_period is required, 1d or 14d: " + request.getUrl());
        }
        var ingestion = request.queryParameter("ingestion_source");
        if (ingestion.isPresent() && !INGESTION_SOURCES.contains(ingestion.firstValue())) {
            return violation("ingestion_source " + ingestion.firstValue() + " is not one of " + INGESTION_SOURCES);
        }
        var platform = request.queryParameter("source_platform");
        if (platform.isPresent() && !SOURCE_PLATFORMS.contains(platform.firstValue())) {
            return violation("source_platform " + platform.firstValue() + " is not one of " + SOURCE_PLATFORMS);
        }
        eqsQueries.add(
                request.getUrl().contains("?")
                        ? request.getUrl().substring(request.getUrl().indexOf('?') + 1)
                        : "");
        try {
            return json(200, JSON.readTree(eqsAnswers.getOrDefault(lookback.firstValue(), "[]")));
        } catch (Exception e) {
            throw new IllegalStateException("the test set an EQS answer that is not JSON", e);
        }
    }

    private static String checkEvent(JsonNode e) {
        if (!e.isObject()) {
            return "not an object";
        }
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!EVENT_KEYS.contains(key)) {
                return "unknown key " + key;
            }
        }
        for (String required : List.of("event_name", "action_source", "event_time", "event_id", "user_data")) {
            if (!e.has(required) || e.get(required).isNull()) {
                return "missing " + required;
            }
        }
        if (!e.get("event_name").isTextual()
                || !e.get("event_id").isTextual()
                || !e.get("action_source").isTextual()) {
            return "event_name, event_id and action_source must be strings";
        }
        if (!ACTION_SOURCES.contains(e.get("action_source").asText())) {
            return "action_source " + e.get("action_source").asText();
        }
        if (!e.get("event_time").isIntegralNumber()) {
            return "event_time must be an integer";
        }
        JsonNode user = e.get("user_data");
        if (!user.isObject()) {
            return "user_data must be an object";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (HASHED.contains(field.getKey())) {
                if (!field.getValue().isArray() || field.getValue().isEmpty()) {
                    return "user_data." + field.getKey() + " must be a non-empty array";
                }
                for (JsonNode h : field.getValue()) {
                    if (!h.isTextual() || !SHA256.matcher(h.asText()).matches()) {
                        return "user_data." + field.getKey()
                                + " holds a value that is not a lowercase SHA-256 hex digest";
                    }
                }
            } else if (PLAIN_USER.contains(field.getKey())) {
                if (!field.getValue().isTextual()) {
                    return "user_data." + field.getKey() + " must be a string";
                }
            } else {
                return "unknown user_data key " + field.getKey();
            }
        }
        if (!user.has("em")
                && !user.has("hashed_maids")
                && !(user.has("client_ip_address") && user.has("client_user_agent"))) {
            return "user_data needs em, hashed_maids, or client_ip_address and client_user_agent";
        }
        JsonNode custom = e.get("custom_data");
        if (custom != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = custom.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!CUSTOM_KEYS.contains(field.getKey())) {
                    return "unknown custom_data key " + field.getKey();
                }
                if (List.of("value", "currency", "order_id", "predicted_ltv").contains(field.getKey())
                        && !field.getValue().isTextual()) {
                    return "custom_data." + field.getKey() + " must be a string";
                }
            }
        }
        return null;
    }

    private ResponseDefinition violation(String problem) {
        violations.add(problem);
        return error(400, 4196, "The request was invalid. " + problem);
    }

    private static ResponseDefinition error(int status, int code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        return json(status, body);
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body.toString())
                .build();
    }

    public List<String> duplicatesAccepted() {
        List<String> ids = new ArrayList<>(acceptedIds());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return ids.stream().filter(id -> !seen.add(id)).toList();
    }
}
