package io.pinconv.routes;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.DefaultPropertiesParser;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.component.properties.PropertiesFunctionResolver;
import org.apache.camel.component.properties.PropertiesLookup;
import org.apache.camel.spi.PropertiesFunction;

/**
 * Placeholders in routes ({@code {{name}}}) resolve to the parameters of the template being instantiated, and
 * to nothing else: not the environment, system properties, Spring's configuration (where the access tokens
 * and passwords are), nor functions such as {@code {{env:X}}} or {@code {{sys:X}}}. Camel Spring Boot's parser
 * would look any name up in Spring's environment, so a plain route writing {@code {{PINTEREST_ACCESS_TOKEN}}}
 * got the token. Installed in the live context and in the one routes are checked in, so a placeholder that
 * names anything else fails the check with Camel's "property not found", naming the file and line.
 */
final class TemplateParametersOnly extends DefaultPropertiesParser {

    private TemplateParametersOnly(PropertiesComponent pc) {
        super(pc);
    }

    static void install(CamelContext camel) {
        PropertiesComponent pc = (PropertiesComponent) camel.getPropertiesComponent();
        pc.setPropertiesParser(new TemplateParametersOnly(pc));
        pc.setPropertiesFunctionResolver(new NoFunctions());
        pc.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
        pc.setSystemPropertiesMode(PropertiesComponent.SYSTEM_PROPERTIES_MODE_NEVER);
    }

    @Override
    public String parseUri(
            String text,
            PropertiesLookup properties,
            boolean fallback,
            boolean keepUnresolvedOptional,
            boolean nestedPlaceholder) {
        return super.parseUri(text, this::parameter, fallback, keepUnresolvedOptional, nestedPlaceholder);
    }

    /** The local properties are the parameters of the template Camel is instantiating, and only then. */
    private String parameter(String name, String defaultValue) {
        Properties local = getPropertiesComponent().getLocalProperties();
        String value = local == null ? null : local.getProperty(name);
        return value != null ? value : defaultValue;
    }

    @Override
    public String customLookup(String key) {
        return null;
    }

    /** No {@code {{env:X}}}, {@code {{sys:X}}}, {@code {{bean:...}}} nor any other function. */
    private static final class NoFunctions implements PropertiesFunctionResolver {

        @Override
        public void addPropertiesFunction(PropertiesFunction function) {
            // none are taken
        }

        @Override
        public Map<String, PropertiesFunction> getFunctions() {
            return Map.of();
        }

        @Override
        public boolean hasFunction(String name) {
            return false;
        }

        @Override
        public PropertiesFunction resolvePropertiesFunction(String name) {
            return null;
        }
    }
}
