package io.pinconv.config;

/**
 * One Pinterest destination: an ad account and the token that may send to it.
 *
 * @param adAccountId Pinterest ad account id (digits only)
 * @param accessToken conversion access token; never logged, see {@link #toString()}
 * @param baseUrl     API root; requests go to {base-url}/v5/ad_accounts/{id}/events
 * @param dryRun      build the requests but send nothing: they are written to the log or {@code dryRunFile}
 * @param dryRunFile  optional file the would-be requests are appended to, one JSON request per line
 */
public record DestinationProperties(
        String adAccountId,
        String accessToken,
        String baseUrl,
        boolean dryRun,
        String dryRunFile) {

    public static final String DEFAULT_BASE_URL = "https://api.pinterest.com";

    public DestinationProperties {
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = DEFAULT_BASE_URL;
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The token must never reach a log line, an exception message or Hawtio. */
    @Override
    public String toString() {
        return "Destination[adAccountId=" + adAccountId + ", baseUrl=" + baseUrl + ", dryRun=" + dryRun
                + ", accessToken=" + (accessToken == null || accessToken.isBlank() ? "<none>" : "<set>") + "]";
    }
}
