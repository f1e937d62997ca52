package io.pinconv.api;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything but health is behind HTTP Basic, with the user of {@code spring.security.user.name} /
 * {@code spring.security.user.password}: the admin API, Hawtio and Jolokia, the other actuator endpoints.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    /**
     * The one user. Without a configured password Spring Boot would make one up and print it in the
     * log; here the API stays locked instead, and the log says what to set.
     */
    @Bean
    UserDetailsService users(SecurityProperties security) {
        SecurityProperties.User user = security.getUser();
        String password = user.getPassword();
        if (user.isPasswordGenerated()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            password = HexFormat.of().formatHex(random);
            log.warn("No spring.security.user.password is set: the admin API, Hawtio and metrics are locked."
                    + " Set spring.security.user.name and spring.security.user.password to use them");
        }
        return new InMemoryUserDetailsManager(User.withUsername(user.getName()).password("{noop}" + password)
                .roles(user.getRoles().toArray(String[]::new)).build());
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // a scriptable API with Basic credentials, and Hawtio posting to Jolokia: no cookie-based forms to protect
                .csrf(c -> c.disable())
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .build();
    }
}
