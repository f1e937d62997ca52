package io.pinconv.security;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Warns at startup when the client address the service counts failed logins by (and logs) can be chosen by the
 * client. With {@code server.forward-headers-strategy=native}, Tomcat takes the address from
 * {@code X-Forwarded-For} when the connection comes from {@code server.tomcat.remoteip.internal-proxies}, which
 * by default is every private and loopback address: any client on the same network then names its own address.
 * With {@code framework}, every client does. Not refused: the service still works, only the per-address count
 * counts less (the per-name count holds whatever the headers say).
 */
@Component
class ForwardedHeadersCheck {

    private static final Logger log = LoggerFactory.getLogger(ForwardedHeadersCheck.class);
    static final String STRATEGY = "server.forward-headers-strategy";
    static final String INTERNAL_PROXIES = "server.tomcat.remoteip.internal-proxies";

    ForwardedHeadersCheck(Environment env) {
        String warning = warning(env);
        if (warning != null) {
            log.warn(warning);
        }
    }

    static String warning(Environment env) {
        String strategy = env.getProperty(STRATEGY, "").strip().toLowerCase(Locale.ROOT);
        CloudPlatform platform = CloudPlatform.getActive(env);
        boolean nativeHeaders = "native".equals(strategy)
                || (strategy.isEmpty() && platform != null && platform.isUsingForwardHeaders());
        if (nativeHeaders && !env.containsProperty(INTERNAL_PROXIES)) {
            return "X-Forwarded-For is read from any client on a private or loopback address (" + STRATEGY
                    + " is native and "
                    + INTERNAL_PROXIES
                    + " is left at its default): such a client can give any address for its own, in the log and"
                    + " in the failed-login count per address. Set " + INTERNAL_PROXIES
                    + " to your reverse proxy's address, e.g."
                    + " 10\\.0\\.0\\.5 (a regular expression), see docs/security.md";
        }
        if ("framework".equals(strategy)) {
            return STRATEGY
                    + "=framework reads X-Forwarded-For from every client: any client can give any address for its own,"
                    + " in the log and in the failed-login count per address. Use native, with " + INTERNAL_PROXIES
                    + " set to your reverse proxy's address, see docs/security.md";
        }
        return null;
    }
}
