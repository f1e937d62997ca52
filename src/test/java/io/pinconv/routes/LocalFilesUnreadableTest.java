package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class LocalFilesUnreadableTest {

    @Test
    void textNoLongerBecomesAFileAndSoItsContent() throws Exception {
        try (DefaultCamelContext plain = new DefaultCamelContext()) {
            plain.start();
            // what a route could do before: a path, converted to a File, then to its content
            assertThat(plain.getTypeConverter().convertTo(File.class, "/etc/hostname")).isNotNull();
        }
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            LocalFilesUnreadable.install(camel);
            assertThat(camel.getTypeConverter().tryConvertTo(File.class, "/proc/self/environ")).isNull();
            assertThat(camel.getTypeConverter().tryConvertTo(java.nio.file.Path.class, "/proc/self/environ")).isNull();
            assertThat(camel.getTypeConverter().tryConvertTo(java.net.URL.class, "http://127.0.0.1:1/x")).isNull();
            assertThatThrownBy(() -> camel.getTypeConverter().mandatoryConvertTo(File.class, "/proc/self/environ"))
                    .isInstanceOf(org.apache.camel.NoTypeConversionAvailableException.class);
            assertThat(camel.getTypeConverter().convertTo(Integer.class, "42")).isEqualTo(42);
        }
    }
}
