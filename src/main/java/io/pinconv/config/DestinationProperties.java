package io.pinconv.config;

/**
 * One Pinterest destination: an ad account and the token that may send to it.
 *
 * @param adAccountId Pinterest ad account id (digits only)
 * <p>The access token ({@code access-token}) is bound apart, by egress.AccessTokens: no destination object carries it.
 *
 * @param baseUrl     API root; requests go to {base-url}/v5/ad_accounts/{id}/events
 * @param dryRun      build the requests but send nothing: they are written to the log or {@code dryRunFile}
 * @param dryRunFile  optional file the would-be requests are appended to, one JSON request per line
 * @param testMode    send with {@code ?test=true}: Pinterest validates every event and records nothing, so
 *                    nothing is recorded as delivered here either
 * @param alertWebhook optional URL that alerts are POSTed to as JSON ({"text": ...}, Slack's format)
 * @param breaker     this destination's circuit breaker; unset values take the defaults ({@link BreakerProperties})
 */
public record DestinationProperties(
        String adAccountId,
        String baseUrl,
        boolean dryRun,
        String dryRunFile,
        boolean testMode,
        String alertWebhook,
        BreakerProperties breaker) {

    public static final String DEFAULT_BASE_URL = "https://api.pinterest.com";

    /** Whether what Pinterest accepts is recorded as delivered: not in a dry run, not in test mode. */
    public boolean recordsDeliveries() {
        return !dryRun && !testMode;
    }

    /**
     * Where Pinterest gives this ad account's Event Quality Score: the one URL the destination's OAuth token is
     * sent to.
     */
    public String qualityScoreUrl() {
        return baseUrl + "/v5/ad_accounts/" + adAccountId.strip() + "/conversion_eqs";
    }

    public DestinationProperties {
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = DEFAULT_BASE_URL;
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        breaker = breaker == null ? BreakerProperties.unset() : breaker;
    }
}
