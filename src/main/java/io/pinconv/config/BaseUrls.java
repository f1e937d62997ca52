package io.pinconv.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a destination's {@code base-url} may be. Requests carry the access token and hashed personal
 * data, so they go over https; plain http is left for stand-ins on this machine (tests, local mocks),
 * where nothing crosses a network.
 */
public final class BaseUrls {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private BaseUrls() {}

    /** Why this base-url cannot be used, and what to write instead; empty when it can. */
    public static Optional<String> problem(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || uri.getScheme() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            return Optional.of(
                    "base-url must be an https URL such as https://api.pinterest.com (found '" + baseUrl + "')");
        }
        if (uri.getScheme().equalsIgnoreCase("http") && !isLoopback(uri.getHost())) {
            return Optional.of(
                    "base-url must use https: over http the access token and the hashed personal data cross the network"
                            + " in clear (found '" + baseUrl + "'); write " + "https"
                            + baseUrl.substring(uri.getScheme().length())
                            + " (http is accepted only for a stand-in on this machine: localhost, 127.0.0.1, [::1])");
        }
        return Optional.empty();
    }

    /**
     * Whether the host names this machine, judged from the text alone: a DNS look-up could be answered
     * by whoever controls the resolver, and would make the check depend on the network at startup.
     */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) { // RFC 6761: always this machine
            return true;
        }
        var ipv4 = IPV4_LOOPBACK.matcher(h);
        if (ipv4.matches()) {
            for (int i = 1; i <= 3; i++) {
                if (Integer.parseInt(ipv4.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return h.equals("[::1]") || h.equals("[0:0:0:0:0:0:0:1]");
    }
}
