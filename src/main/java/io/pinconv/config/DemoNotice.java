package io.pinconv.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says where the demo can be reached, and that it can be reached from this machine only. */
@Component
public class DemoNotice {

    private static final Logger log = LoggerFactory.getLogger(DemoNotice.class);

    private final Environment env;

    public DemoNotice(Environment env) {
        this.env = env;
    }

    @EventListener
    public void started(WebServerInitializedEvent event) {
        if (!env.getProperty(DemoMode.ACTIVE, Boolean.class, false)) {
            return;
        }
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            log.info(
                    "Demo mode: the management port (actuator, Hawtio, Jolokia) listens on {}:{} only, reachable from this machine alone",
                    env.getProperty("management.server.address"),
                    event.getWebServer().getPort());
        } else {
            log.info(
                    "Demo mode (nothing configured): listening on {}:{} only, reachable from this machine alone; login demo/demo."
                            + " Its PostgreSQL keeps its data in {} (--{}=true starts afresh). Configure a database and activations"
                            + " to run the service for real (see the README)",
                    env.getProperty("server.address"),
                    event.getWebServer().getPort(),
                    env.getProperty(DemoDatabase.DATA_DIR),
                    DemoDatabase.CLEAN);
        }
    }
}
