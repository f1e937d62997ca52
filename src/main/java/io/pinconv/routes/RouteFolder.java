package io.pinconv.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The routes folder ops edit ({@code conversions.routes.folder}), read as a whole. */
@Component
public class RouteFolder {

    private final Optional<Path> dir;

    public RouteFolder(Environment env) {
        String folder = env.getProperty(RouteFolderSetting.FOLDER);
        this.dir = folder == null || folder.isBlank()
                ? Optional.empty()
                : Optional.of(Path.of(folder).toAbsolutePath().normalize());
    }

    public Optional<Path> dir() {
        return dir;
    }

    /** One file as it was read: a reload validates and applies these bytes, not whatever the disk holds a moment later. */
    public record RouteFile(String name, String location, String content) {

        Resource resource() {
            // the location is the one Camel gave the file at startup, so that messages name it the same way
            return ResourceHelper.fromString(location, content);
        }
    }

    /** Every {@code *.yaml} of the folder, by name. */
    public List<RouteFile> read() {
        Path folder = dir.orElseThrow(() -> new IllegalStateException("no routes folder is configured"));
        List<RouteFile> files = new ArrayList<>();
        for (Path p : yamlFiles(folder)) {
            try {
                files.add(new RouteFile(
                        p.getFileName().toString(), "file:" + p, Files.readString(p, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException(noFilesMessage(folder));
        }
        return files;
    }

    static List<Path> yamlFiles(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The folder, checked at startup: it must exist and hold the route files. */
    static Path check(String folder) {
        Path dir = Path.of(folder).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    RouteFolderSetting.FOLDER + " is " + dir + ", which is not a directory: create it and copy"
                            + " the packaged routes (routes/*.yaml) into it, or remove the setting to run the packaged routes");
        }
        if (yamlFiles(dir).isEmpty()) {
            throw new IllegalStateException(noFilesMessage(dir));
        }
        return dir;
    }

    static String includePattern(Path dir) {
        return "file:" + dir + "/*.yaml";
    }

    private static String noFilesMessage(Path dir) {
        return RouteFolderSetting.FOLDER + " is " + dir + ", which holds no *.yaml route file: copy the packaged routes"
                + " (routes/*.yaml) into it, or remove the setting to run the packaged routes";
    }
}
