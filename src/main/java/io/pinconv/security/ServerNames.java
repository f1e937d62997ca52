package io.pinconv.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * The host names browsers reach the service by ({@code conversions.security.server-names}): a page served
 * from one of them is the service's own origin. They come from the configuration, never from the request's
 * {@code Host} header: a page on another site whose name it points at this machine (DNS rebinding) sends
 * its own name as {@code Host}, and would otherwise pass for the service's own origin.
 */
final class ServerNames {

    static final String SETTING = "conversions.security.server-names";

    // RFC 1123 labels (letters, digits and inner hyphens, 63 characters at most each), and underscores, which
    // browsers take in a host name and container networks give services (my_service)
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

    private final Set<String> names;

    private ServerNames(Set<String> names) {
        this.names = names;
    }

    /**
     * Reads the configured names, each as browsers write it in a URL's host ({@code [::1]} for an IPv6 address).
     *
     * @throws IllegalStateException naming every entry that is not a host name, and what to write instead
     */
    static ServerNames of(List<String> configured) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < configured.size(); i++) {
            String raw = configured.get(i);
            String name = normalise(raw);
            if (name == null) {
                problems.add(SETTING + "[" + i + "] is '" + raw
                        + "': write a host name alone, as a browser's address bar shows it,"
                        + " without scheme, port or path, e.g. conversions.example.com, 10.0.0.5 or [::1]");
            } else {
                names.add(name);
            }
        }
        if (configured.isEmpty()) {
            problems.add(SETTING + " is empty: list the host names browsers reach the service by (the default is "
                    + String.join(", ", SecuritySettings.LOOPBACK_NAMES) + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "The server names are misconfigured:\n  - " + String.join("\n  - ", problems));
        }
        return new ServerNames(Set.copyOf(names));
    }

    /** Whether a URL's host (as {@link URI#getHost()} gives it, IPv6 in brackets) is one of the names. */
    boolean contains(String host) {
        String name = host == null ? null : normalise(host);
        return name != null && names.contains(name);
    }

    Set<String> names() {
        return names;
    }

    /** The name as a URL's host, lower case; null when it is not a host name or an IP address. */
    private static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        String bare = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (InetAddressUtils.isIPv6(bare)) {
            try {
                // one spelling per address (::1 and 0:0:0:0:0:0:0:1 alike); a literal is never looked up
                return "[" + InetAddress.getByName(bare).getHostAddress() + "]";
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return HOST_NAME.matcher(s).matches() ? s : null;
    }
}
