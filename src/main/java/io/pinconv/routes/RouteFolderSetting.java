package io.pinconv.routes;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code conversions.routes.folder} is the one setting ops need: Camel is pointed at the folder's
 * {@code *.yaml} here, before Camel reads {@code camel.main.routes-include-pattern}, so that the files
 * loaded at startup and the files a reload reads are the same ones.
 *
 * <p>A folder that is missing or holds no route file stops the startup: the packaged routes are not
 * copied there silently, as a service running routes nobody put in the folder would be a surprise.
 */
public class RouteFolderSetting implements EnvironmentPostProcessor, Ordered {

    public static final String FOLDER = "conversions.routes.folder";
    public static final String WATCH = "conversions.routes.watch";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String folder = env.getProperty(FOLDER);
        if (folder == null || folder.isBlank()) {
            return;
        }
        Path dir = RouteFolder.check(folder);
        // above every other source: with a folder set, the packaged routes must not be loaded beside it
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "conversions.routes.folder",
                        Map.of("camel.main.routes-include-pattern", RouteFolder.includePattern(dir))));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
