package io.pinconv.pinterest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DestinationProperties;
import io.pinconv.egress.AccessTokens;
import io.pinconv.egress.EgressRefusedException;
import io.pinconv.egress.HttpEgressGuard;
import io.pinconv.text.SafeText;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Pinterest's Event Quality Score of an ad account's Conversions API events: {@code GET
 * {base-url}/v5/ad_accounts/{id}/conversion_eqs?lookback_period=1d|14d&ingestion_source=CONVERSIONS_API}
 * (operation conversion_eqs/list), read with the destination's OAuth token (ads:read, {@code oauth-token}; the
 * conversion token cannot read it). Sent through Camel's HTTP client like every request: its egress guard allows
 * only the allow-list's hosts, and adds the OAuth token inside the client for the destination's own base-url host
 * only (the request names its destination with {@value HttpEgressGuard#READ_HEADER}).
 */
@Component
public class EventQualityApi {

    /** The look-back periods Pinterest scores (LookbackPeriodOptions). */
    public static final List<String> LOOKBACKS = List.of("1d", "14d");

    /** One score: per look-back, ingestion source and source platform. */
    public record Score(
            String lookbackPeriod,
            String sourcePlatform,
            String ingestionSource,
            String overallStatus,
            JsonNode qualityComponents) {

        /** NEEDS_IMPROVEMENT 0, FAIR 1, GOOD 2; -1 for a status Pinterest has added since. */
        public int rank() {
            return rank(overallStatus);
        }

        public static int rank(String overallStatus) {
            return overallStatus == null
                    ? -1
                    : switch (overallStatus) {
                        case "NEEDS_IMPROVEMENT" -> 0;
                        case "FAIR" -> 1;
                        case "GOOD" -> 2;
                        default -> -1;
                    };
        }
    }

    private final ConversionsProperties properties;
    private final AccessTokens tokens;
    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public EventQualityApi(
            ConversionsProperties properties, AccessTokens tokens, ProducerTemplate producer, ObjectMapper json) {
        this.properties = properties;
        this.tokens = tokens;
        this.producer = producer;
        this.json = json;
    }

    /** Whether the destination's score can be read: it has an oauth-token. */
    public boolean readable(String destinationId) {
        return tokens.hasOAuthToken(destinationId);
    }

    /** The scores of one look-back, as Pinterest gives them. */
    public List<Score> fetch(String destinationId, String lookbackPeriod) {
        DestinationProperties d = properties.destinations().get(destinationId);
        if (d == null) {
            throw new NoSuchDestinationException(destinationId);
        }
        if (!LOOKBACKS.contains(lookbackPeriod)) {
            throw new IllegalArgumentException("lookback_period is 1d or 14d, not " + lookbackPeriod);
        }
        if (!readable(destinationId)) {
            throw new QualityScoreUnavailableException("destination '" + destinationId
                    + "' has no oauth-token: set conversions.destinations." + destinationId
                    + ".oauth-token to an OAuth token with ads:read on its ad account");
        }
        Exchange answer = producer.send(
                d.qualityScoreUrl() + "?throwExceptionOnFailure=false&headerFilterStrategy=#pinterestHeaderFilter",
                e -> {
                    e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
                    e.getMessage()
                            .setHeader(
                                    Exchange.HTTP_QUERY,
                                    "lookback_period=" + lookbackPeriod + "&ingestion_source=CONVERSIONS_API");
                    // the HTTP client adds the OAuth token for this destination's own host only (HttpEgressGuard)
                    e.getMessage().setHeader(HttpEgressGuard.READ_HEADER, destinationId);
                    e.getMessage().setBody(null);
                });
        if (answer.getException() != null) {
            Throwable t = answer.getException();
            while (t.getCause() != null && t.getCause() != t && !(t instanceof EgressRefusedException)) {
                t = t.getCause();
            }
            throw new QualityScoreUnavailableException(
                    t instanceof EgressRefusedException
                            ? t.getMessage()
                            : "Pinterest could not be reached (" + t.getClass().getSimpleName()
                                    + (t.getMessage() == null ? "" : ": " + clean(t.getMessage())) + ")");
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = answer.getMessage().getBody(String.class);
        return read(destinationId, d.adAccountId().strip(), lookbackPeriod, status == null ? 0 : status, body);
    }

    /** Pinterest's answer: an array of EventQualityScore on 200; otherwise why not, and what to do. */
    List<Score> read(String destinationId, String account, String lookbackPeriod, int status, String body) {
        if (status != 200) {
            String said = said(status, body);
            throw new QualityScoreUnavailableException(
                    switch (status) {
                        case 401 ->
                            "Pinterest refused the oauth-token of destination '" + destinationId + "' (" + said
                                    + "): it may be wrong, expired or revoked";
                        case 403, 404 ->
                            "the quality score of ad account " + account
                                    + " is not readable with the oauth-token (" + said
                                    + "): the token needs the ads:read scope and access to the ad account";
                        default -> "Pinterest answered " + said + " to the quality score request";
                    });
        }
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new QualityScoreUnavailableException("Pinterest answered 200 with a quality score that is not JSON");
        }
        if (root == null || !root.isArray()) {
            throw new QualityScoreUnavailableException(
                    "Pinterest answered 200 with a quality score that is not an array of EventQualityScore");
        }
        List<Score> scores = new ArrayList<>();
        for (JsonNode s : root) {
            scores.add(new Score(
                    s.path("lookback_period").asText(lookbackPeriod),
                    s.path("source_platform").asText("UNKNOWN"),
                    s.path("ingestion_source").asText("CONVERSIONS_API"),
                    s.path("overall_status").asText("UNKNOWN"),
                    s.path("quality_components").isObject() ? s.get("quality_components") : json.createObjectNode()));
        }
        return scores;
    }

    private String said(int status, String body) {
        try {
            String m = json.readTree(body).path("message").asText("");
            return m.isBlank() ? String.valueOf(status) : status + ": " + clean(m);
        } catch (Exception e) {
            return String.valueOf(status);
        }
    }

    private static String clean(String text) {
        String t = SafeText.withoutControlCharacters(text);
        return t.length() <= 300 ? t : t.substring(0, 300) + "…";
    }
}
