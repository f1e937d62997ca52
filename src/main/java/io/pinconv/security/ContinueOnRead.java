package io.pinconv.security;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers a client's {@code Expect: 100-continue} only once the body is read, not as soon as the headers
 * arrive (its default): a body refused on its Content-Length ({@link RequestBodyLimit}) or on the caller's login
 * is then never sent at all. curl asks for this on any body over 1 MB.
 */
@Component
class ContinueOnRead implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }
}
