package io.pinconv.source;

/**
 * Whether a source answers, as health and the admin API may show it: its engine and the server's name and version,
 * or the reason it does not answer. Never a credential, nor the URL's parameters.
 *
 * @param product the server as its driver names it ("MariaDB 10.11.19"), or null when it did not answer
 * @param problem why it did not answer, or null
 */
public record SourceStatus(String id, String engine, String url, boolean reachable, String product, String problem) {}
