package io.pinconv.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is logged in as, and its role: the console shows a viewer no button that changes anything. */
@RestController
public class LoginController {

    /** The roles from the most to the least a login may do; each includes the ones after it. */
    private static final List<String> ROLES = List.of("admin", "operator", "viewer");

    @GetMapping("/api/me")
    public Map<String, Object> me(Authentication login) {
        List<String> granted = login.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
        String role = ROLES.stream()
                .filter(r -> granted.contains("ROLE_" + r.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElse("none");
        return Map.of("name", login.getName(), "role", role);
    }
}
