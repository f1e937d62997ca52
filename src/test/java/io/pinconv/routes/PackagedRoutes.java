package io.pinconv.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The packaged route files (routes/ of the repository), copied into a folder a test may edit. */
final class PackagedRoutes {

    static final Path DIR = Path.of("routes");

    private PackagedRoutes() {}

    /** A new temporary folder holding a copy of the packaged files. */
    static Path copy(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            restore(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the packaged files back into {@code dir}, as they are in the repository. */
    static void restore(Path dir) throws IOException {
        for (Path p : RouteFolder.yamlFiles(DIR)) {
            Files.copy(p, dir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void delete(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    /** The line of the packaged file where this text is. */
    static int lineOf(String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }
}
