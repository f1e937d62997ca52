package io.pinconv.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Who may do what, over HTTP Basic. Open to anyone: the health status (no details) and the liveness and
 * readiness probes. Viewers: the API's reads and previews, metrics, health details, Hawtio and Jolokia
 * (read-only, see {@link JolokiaAccess}). Operators: also run, pause, resume, replay and backfill. Admins:
 * also reload the routes and start or stop them in Hawtio. A role too low gets 403. The console ({@code /console})
 * is a page anyone may load; it asks for a login and shows what the API gives that login.
 *
 * <p>Spring's CSRF tokens are off: the API is for curl and scripts, which would have to fetch a token first.
 * Cross-site requests are refused by origin and body type instead ({@link CrossSiteRequests}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    UserDetailsService users(SecurityProperties security, SecuritySettings settings) {
        return Logins.from(security, settings);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Logins.passwordEncoder();
    }

    @Bean
    SecurityFilterChain security(
            HttpSecurity http,
            Origins origins,
            LoginAttempts attempts,
            ApplicationAvailability availability,
            SecuritySettings settings)
            throws Exception {
        String viewer = Role.VIEWER.name();
        String operator = Role.OPERATOR.name();
        String admin = Role.ADMIN.name();
        return http.authorizeHttpRequests(a -> a.requestMatchers(
                                "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        // the console's page, script and chart library hold no data; what they show comes from the API
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**", "/webjars/uplot/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .hasRole(viewer)
                        .requestMatchers(HttpMethod.POST, "/api/activations/*/preview")
                        .hasRole(viewer)
                        .requestMatchers("/api/routes/**")
                        .hasRole(admin)
                        .requestMatchers("/api/**")
                        .hasRole(operator)
                        .anyRequest()
                        .hasRole(viewer))
                .httpBasic(b -> b.authenticationEntryPoint(new LoginChallenge()))
                .csrf(c -> c.disable())
                // in this chain, both are in front of the management port's endpoints too (Jolokia among them)
                .addFilterBefore(new CrossSiteRequests(origins), HeaderWriterFilter.class)
                .addFilterBefore(
                        new RequestBodyLimit(RequestBodyLimit.checked(settings.maxRequestBody())),
                        HeaderWriterFilter.class)
                .addFilterBefore(new LoginThrottle(attempts), BasicAuthenticationFilter.class)
                .addFilterBefore(new StartupGate(availability), AuthorizationFilter.class)
                .headers(h -> h.frameOptions(f -> f.sameOrigin())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                SecurityConfig::isConsole,
                                new StaticHeadersWriter("Content-Security-Policy", CONSOLE_POLICY))))
                .build();
    }

    /**
     * The console runs only its own script and style, talks only to this service, and cannot be framed by another
     * site: what a row's text could inject (an event id, a reason) stays text.
     */
    static final String CONSOLE_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'";

    static boolean isConsole(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/console");
    }

    @Bean
    FilterRegistrationBean<MalformedPaths> malformedPaths() {
        FilterRegistrationBean<MalformedPaths> bean = new FilterRegistrationBean<>(new MalformedPaths());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    /** What Spring Security's firewall still refuses (say, a control character in a header) gets a short 400 too. */
    @Bean
    RequestRejectedHandler quietRejection() {
        return (request, response, rejected) -> {
            log.debug("Refused a malformed request from {}: {}", request.getRemoteAddr(), rejected.getMessage());
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        };
    }
}
