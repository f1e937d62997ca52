package io.pinconv;

import io.pinconv.config.ConversionsProperties;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@EnableConfigurationProperties(ConversionsProperties.class)
public class Application {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }

    /** The one clock every age check uses, so that tests can set the time. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
