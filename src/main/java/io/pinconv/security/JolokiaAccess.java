package io.pinconv.security;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.management.ObjectName;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What Jolokia (and so Hawtio) may do, per role, in Jolokia's own policy format:
 * {@code jolokia-access.xml} for viewers and operators (reading what monitoring routes needs),
 * {@code jolokia-access-admin.xml} for admins (the same, plus starting and stopping routes). Both are
 * allow-lists: an MBean, attribute or operation they do not name is refused. The Jolokia servlet picks this
 * bean up from the application context (JolokiaServletRegistration) instead of a policy file of its own.
 *
 * <p>The role is the login's, read from Spring Security's context: Jolokia answers on the request's
 * thread, after the security filters.
 */
@Component
public class JolokiaAccess implements Restrictor {

    private final Restrictor reader = policy("jolokia-access.xml");
    private final Restrictor admin = policy("jolokia-access-admin.xml");
    private final Origins origins;

    public JolokiaAccess(Origins origins) {
        this.origins = origins;
    }

    private static Restrictor policy(String name) {
        try (InputStream in = new ClassPathResource(name).getInputStream()) {
            return new PolicyRestrictor(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the Jolokia policy " + name + " is part of the jar", e);
        }
    }

    private Restrictor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean isAdmin = auth != null
                && auth.isAuthenticated()
                && auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(("ROLE_" + Role.ADMIN.name())::equals);
        return isAdmin ? admin : reader;
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return current().isHttpMethodAllowed(method);
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return current().isTypeAllowed(type);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return current().isAttributeReadAllowed(name, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return current().isAttributeWriteAllowed(name, attribute);
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return current().isOperationAllowed(name, operation);
    }

    /** Nothing is reached from another machine through this agent (no proxy requests). */
    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return current().isRemoteAccessAllowed(hostOrAddress);
    }

    /**
     * Jolokia echoes an allowed Origin in Access-Control-Allow-Origin, with credentials: only the service's own
     * origin and the configured ones qualify, so no other site's script can read an answer.
     */
    @Override
    public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
        if (origin == null) {
            return true;
        }
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest()
                : null;
        return request != null && origins.isAllowed(origin, request);
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return current().isObjectNameHidden(name);
    }
}
