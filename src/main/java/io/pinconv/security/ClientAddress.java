package io.pinconv.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * A client's address as it may be counted and logged. Behind a reverse proxy with
 * {@code server.forward-headers-strategy=native}, the address is the proxy's {@code X-Forwarded-For}, which is
 * whatever text the client put there when the proxy is not listed in {@code server.tomcat.remoteip.internal-proxies}.
 * An IP address is kept in one spelling; anything else is counted and logged as one {@link #INVALID} address,
 * so that a made-up value neither reaches the log nor starts a fresh count.
 */
final class ClientAddress {

    static final String INVALID = "(not an IP address)";

    private ClientAddress() {}

    static String of(String raw) {
        if (raw == null) {
            return INVALID;
        }
        String s = raw.strip();
        if (InetAddressUtils.isIPv4(s) || InetAddressUtils.isIPv6(s)) {
            try {
                // a literal is parsed, never looked up
                return InetAddress.getByName(s).getHostAddress();
            } catch (UnknownHostException e) {
                return INVALID;
            }
        }
        return INVALID;
    }
}
