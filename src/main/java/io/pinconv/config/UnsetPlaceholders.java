package io.pinconv.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Stops the start when a token, a password, a login or a URL still reads {@code ${SOME_VARIABLE}}: Spring Boot binds
 * a placeholder whose variable is unset as its own text, which would then go to Pinterest as a token or to the
 * database as a password. One line per setting, naming it and the variable to set. Checked as the environment is
 * ready, before any bean (the database pool, Flyway) could try the text as a password.
 */
public class UnsetPlaceholders implements EnvironmentPostProcessor {

    /** The settings that must hold a value: secrets, logins and where things are. */
    static final Pattern CHECKED = Pattern.compile("(conversions\\.destinations\\.[^.]+\\.(access-token|oauth-token"
            + "|base-url|alert-webhook|ad-account-id)"
            + "|conversions\\.sources\\.[^.]+\\.(url|username|password)"
            + "|spring\\.datasource\\.(url|username|password)"
            + "|spring\\.security\\.user\\.(name|password)"
            + "|conversions\\.security\\.users\\.[^.]+\\.password)");

    /** ${NAME} or ${NAME:default}, NAME as variables are named: a password that merely holds "${" is not one. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.\\-]*)(:[^}]*)?}");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(environment);
    }

    static void check(ConfigurableEnvironment environment) {
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Settings hold a placeholder whose variable is not set:\n  - " + String.join("\n  - ", problems));
        }
    }

    static List<String> problems(ConfigurableEnvironment environment) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            for (String name : names.getPropertyNames()) {
                if (!CHECKED.matcher(name).matches() || !seen.add(name)) {
                    continue;
                }
                // the value the settings get: the first source that has it, placeholders resolved where they can be
                String raw = environment.getPropertySources().stream()
                        .filter(s -> s.containsProperty(name))
                        .findFirst()
                        .map(s -> String.valueOf(s.getProperty(name)))
                        .orElse("");
                String resolved = environment.resolvePlaceholders(raw);
                Matcher m = PLACEHOLDER.matcher(resolved);
                if (m.find()) {
                    problems.add(name + " still reads ${" + m.group(1) + "}: set the environment variable " + m.group(1)
                            + " (or write the value in the configuration)");
                }
            }
        }
        return problems;
    }
}
