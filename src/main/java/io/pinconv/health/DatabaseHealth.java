package io.pinconv.health;

import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * /actuator/health's {@code db}: the state's pool and the segments' pool, each asked for a connection. Spring Boot's
 * own would ask every DataSource bean, the route files' segmentReads among them, which opens a connection only for
 * the statement a run built and so refused the check: health read DOWN all along.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseHealth {

    @Bean("dbHealthContributor")
    public HealthContributor dbHealthContributor(
            DataSource dataSource, @Qualifier("segmentDataSource") DataSource segmentDataSource) {
        return CompositeHealthContributor.fromMap(Map.of(
                "state", new DataSourceHealthIndicator(dataSource),
                "segments", new DataSourceHealthIndicator(segmentDataSource)));
    }
}
