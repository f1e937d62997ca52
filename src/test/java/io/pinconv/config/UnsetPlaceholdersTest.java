package io.pinconv.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class UnsetPlaceholdersTest {

    static StandardEnvironment environment(Map<String, Object> settings, Map<String, Object> variables) {
        StandardEnvironment e = new StandardEnvironment();
        e.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        e.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        e.getPropertySources().addLast(new MapPropertySource("application.yml", settings));
        return e;
    }

    @Test
    void anUnsetTokenOrPasswordStopsTheStartNamingTheSettingAndTheVariable() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("conversions.destinations.pin.access-token", "${PINTEREST_ACCESS_TOKEN_X}");
        settings.put("spring.datasource.password", "${CONVERSIONS_DB_PASSWORD_X}");
        settings.put("conversions.destinations.pin.ad-account-id", "549755885175");
        settings.put("conversions.security.users.ops.password", "${OPS_PASSWORD_X}");
        assertThatThrownBy(() -> UnsetPlaceholders.check(environment(settings, Map.of())))
                .hasMessage("Settings hold a placeholder whose variable is not set:\n"
                        + "  - conversions.destinations.pin.access-token still reads ${PINTEREST_ACCESS_TOKEN_X}: set the"
                        + " environment variable PINTEREST_ACCESS_TOKEN_X (or write the value in the configuration)\n"
                        + "  - spring.datasource.password still reads ${CONVERSIONS_DB_PASSWORD_X}: set the environment"
                        + " variable CONVERSIONS_DB_PASSWORD_X (or write the value in the configuration)\n"
                        + "  - conversions.security.users.ops.password still reads ${OPS_PASSWORD_X}: set the environment"
                        + " variable OPS_PASSWORD_X (or write the value in the configuration)");
    }

    @Test
    void aSetVariableOrADefaultPasses() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("conversions.destinations.pin.access-token", "${PINTEREST_ACCESS_TOKEN_X}");
        settings.put("spring.datasource.password", "${CONVERSIONS_DB_PASSWORD_X:}");
        settings.put("conversions.sources.shop.url", "jdbc:mariadb://${DB_HOST_X:localhost}:3306/shop");
        assertThatCode(() ->
                        UnsetPlaceholders.check(environment(settings, Map.of("PINTEREST_ACCESS_TOKEN_X", "pina_x"))))
                .doesNotThrowAnyException();
        // a password that holds "${" is a password
        assertThat(UnsetPlaceholders.problems(
                        environment(Map.of("spring.datasource.password", "pa${ss word"), Map.of())))
                .isEmpty();
        // settings that are not secrets nor places may hold expressions of their own
        assertThat(UnsetPlaceholders.problems(
                        environment(Map.of("conversions.logging.message", "${variable.run.id}"), Map.of())))
                .isEmpty();
    }
}
