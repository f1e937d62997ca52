package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spring.boot.SpringTypeConverter;
import org.junit.jupiter.api.Test;
import org.springframework.core.convert.support.DefaultConversionService;

class LocalFilesUnreadableTest {

    /** As Camel Spring Boot sets a context up: Spring's conversions behind Camel's own. */
    static DefaultCamelContext withSpringConversions() {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        camel.getTypeConverterRegistry()
                .addFallbackTypeConverter(
                        new SpringTypeConverter(List.of(DefaultConversionService.getSharedInstance())), true);
        return camel;
    }

    @Test
    void textNoLongerBecomesAFileAndSoItsContent() throws Exception {
        try (DefaultCamelContext plain = withSpringConversions()) {
            // what a route could do before: a path, converted to a File, then to its content
            File f = plain.getTypeConverter().convertTo(File.class, "/etc/hostname");
            assertThat(f).isNotNull();
            assertThat(plain.getTypeConverter().convertTo(String.class, f)).isNotBlank();
        }
        try (DefaultCamelContext camel = withSpringConversions()) {
            LocalFilesUnreadable.install(camel);
            for (Class<?> target : LocalFilesUnreadable.REFUSED_TARGETS) {
                assertThatThrownBy(() -> camel.getTypeConverter().convertTo(target, "/proc/self/environ"))
                        .as(target.getName())
                        .hasMessageContaining("routes may not turn values into a " + target.getSimpleName());
                assertThatThrownBy(() -> camel.getTypeConverter().convertTo(target, new StringBuilder("/etc/hostname")))
                        .as(target.getName())
                        .isInstanceOf(org.apache.camel.TypeConversionException.class);
            }
            assertThatThrownBy(() ->
                            camel.getTypeConverter().convertTo(File.class, java.nio.file.Path.of("/etc/hostname")))
                    .isInstanceOf(org.apache.camel.TypeConversionException.class);
            assertThat(camel.getTypeConverter().convertTo(Integer.class, "42")).isEqualTo(42);
            assertThat(camel.getTypeConverter().convertTo(java.math.BigDecimal.class, "19.99"))
                    .isEqualByComparingTo("19.99");
        }
    }
}
