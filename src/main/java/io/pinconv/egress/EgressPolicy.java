package io.pinconv.egress;

import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DestinationProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hosts the service connects to, and nothing else: the scheme, host and port of each destination's
 * {@code base-url} and {@code alert-webhook}, and those of {@code conversions.security.allowed-hosts}.
 * Enforced where connections are made (HttpEgressGuard in Camel's HTTP client, Alerts for webhooks), so
 * that no route edit, header ({@code CamelHttpUri}, {@code CamelHttpPath}...) or endpoint option moves a
 * call anywhere else. Plain http is for this machine only: its name must resolve to loopback addresses when
 * the call is made ({@code evil.localhost} is not taken on its word).
 */
@Component
public class EgressPolicy {

    public static final String SETTING = "conversions.security.allowed-hosts";

    /** Each allowed origin, and the setting that allows it (for messages). */
    private final Map<Origin, String> allowed = new LinkedHashMap<>();

    private final Map<String, Origin> destinations = new LinkedHashMap<>();

    /** The one path each destination's OAuth token (ads:read) is sent to: its ad account's quality score. */
    private final Map<String, String> qualityPaths = new LinkedHashMap<>();

    public EgressPolicy(ConversionsProperties properties, @Value("${" + SETTING + ":}") List<String> allowedHosts) {
        List<String> problems = new ArrayList<>();
        for (String entry : allowedHosts) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            Origin o = Origin.parse(entry);
            if (o == null) {
                problems.add(SETTING + " holds '" + entry + "': write an origin such as https://hooks.example.com or"
                        + " https://proxy.example.com:8443 (or a host name, taken as https on port 443)");
            } else if (!o.isHttps() && !isLoopbackLiteral(o.host()) && !o.isLocalhostName()) {
                problems.add(SETTING + " holds '" + entry + "': plain http is allowed on this machine only"
                        + " (localhost, 127.0.0.1, [::1]); write https://" + o.host()
                        + (o.port() == 80 ? "" : ":" + o.port()));
            } else {
                allowed.putIfAbsent(o, SETTING);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "The egress allow-list is misconfigured:\n  - " + String.join("\n  - ", problems));
        }
        properties.destinations().forEach((id, d) -> add(id, d));
    }

    private void add(String id, DestinationProperties d) {
        if (d.adAccountId() != null) {
            qualityPaths.put(id, URI.create(d.qualityScoreUrl()).getPath());
        }
        Origin base = Origin.parse(d.baseUrl());
        if (base != null) {
            destinations.put(id, base);
            allowed.putIfAbsent(base, "the base-url of destination '" + id + "'");
        }
        Origin webhook = Origin.parse(d.alertWebhook());
        if (webhook != null) {
            allowed.putIfAbsent(webhook, "the alert-webhook of destination '" + id + "'");
        }
    }

    /**
     * Refuses a connection to {@code target} unless it is allowed, with a message that names the host and the
     * setting that would allow it.
     */
    public void check(Origin target) {
        if (!allowed.containsKey(target)) {
            throw new EgressRefusedException("the service does not connect to " + target + ": it is no destination's"
                    + " base-url nor alert-webhook, and not in " + SETTING + " (add it there to allow it)");
        }
        if (!target.isHttps()) {
            String problem = notLoopback(target.host());
            if (problem != null) {
                throw new EgressRefusedException("the service does not connect to " + target + " over plain http: "
                        + problem + "; plain http is for a stand-in on this machine only, use https");
            }
        }
    }

    /** Whether {@code target} is the origin of destination {@code destinationId}'s base-url: its token may go there. */
    public boolean isDestination(String destinationId, Origin target) {
        return destinationId != null && target.equals(destinations.get(destinationId));
    }

    /**
     * Whether a request is the read of the destination's own quality score (GET, that path, any query): the only
     * request its OAuth token, which reads every ad account its user may see, goes with.
     */
    public boolean isQualityRead(String destinationId, String method, String pathAndQuery) {
        if (destinationId == null || pathAndQuery == null || !"GET".equals(method)) {
            return false;
        }
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        return path.equals(qualityPaths.get(destinationId));
    }

    /** Why the host is not this machine, resolved now; null when every address it has is loopback. */
    private static String notLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress()) {
                    return host + " resolves to " + a.getHostAddress() + ", which is not this machine";
                }
            }
            return addresses.length == 0 ? host + " resolves to no address" : null;
        } catch (UnknownHostException e) {
            return host + " does not resolve";
        }
    }

    private static boolean isLoopbackLiteral(String host) {
        return host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1");
    }
}
