package io.pinconv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages stand on floors, and a package may use only the floors below its own: never its own floor's
 * other packages, never a floor above. Read from the sources (each import, and each fully qualified name in
 * the code), so that a tie against the layering fails the build naming the file and what it uses.
 */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final String ROOT = "io.pinconv";

    /**
     * Top to bottom. Application, in the root package, wires everything. security is a front door nothing
     * calls; health reports on activations and destinations; monitoring (alerts, metrics) is told about
     * runs by activation and delivery; egress guards every connection out; source holds the pools of the
     * databases segments may be read from besides the service's own; text makes outside text safe to log, for
     * anyone.
     */
    private static final List<Set<String>> FLOORS = List.of(
            Set.of(""),
            Set.of("routes", "health", "security", "console"),
            Set.of("api", "delivery"),
            Set.of("activation"),
            Set.of("monitoring"),
            Set.of("ledger", "pinterest"),
            Set.of("egress"),
            Set.of("source"),
            Set.of("mapping", "segment", "config", "text"));

    /** Ties known and not yet removed: none. An entry must still exist: once a tie is gone, its entry goes too. */
    private static final Set<String> PENDING = Set.of();

    private static final Pattern IMPORT =
            Pattern.compile("^import\\s+(?:static\\s+)?(io\\.pinconv\\.[\\w.]+)\\s*;", Pattern.MULTILINE);
    // a class named with its package in the code: io.pinconv.<package>.<Class>
    private static final Pattern QUALIFIED = Pattern.compile("\\bio\\.pinconv\\.((?:[a-z]\\w*\\.)*[A-Z]\\w*)");
    // what is not code, taken left to right so that a quote in a comment or a slash in a string is seen for what it is:
    // text blocks, strings, characters, block comments, line comments
    private static final Pattern NOT_CODE = Pattern.compile(
            "\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n]){1,6}'|/\\*[\\s\\S]*?\\*/|//[^\\n]*");

    @Test
    void noPackageUsesItsOwnFloorOrAFloorAbove() {
        assertThat(ties())
                .as("a package may use only the floors below its own (LayeringTest.FLOORS)")
                .isSubsetOf(PENDING);
    }

    @Test
    void theTiesLeftToRemoveAreStillThere() {
        assertThat(PENDING)
                .as("a tie no longer there: take it off LayeringTest.PENDING")
                .isSubsetOf(ties());
    }

    @Test
    void everyPackageStandsOnAFloor() {
        Set<String> unplaced = new LinkedHashSet<>();
        sources().forEach(f -> {
            if (floorOf(packageOf(f)) < 0) {
                unplaced.add(packageOf(f));
            }
        });
        assertThat(unplaced)
                .as("packages to put on a floor in LayeringTest.FLOORS")
                .isEmpty();
    }

    @Test
    void aTieIsSeenInAnImportAndInAQualifiedName() {
        String code = """
                package io.pinconv.ledger;

                import io.pinconv.activation.Activation;
                import static io.pinconv.api.Reasons.clean;
                import io.pinconv.mapping.Rejection;

                class Example {
                    // io.pinconv.routes.RouteWatcher, in a comment: not a use
                    private final io.pinconv.delivery.DeliveryRoutes routes = null;
                    private static final String LOGGER = "io.pinconv.security.logins";
                }
                """;
        assertThat(usedPackages(code)).containsExactlyInAnyOrder("activation", "api", "mapping", "delivery");
        assertThat(allowed("ledger", "activation")).isFalse();
        assertThat(allowed("ledger", "pinterest")).as("the same floor").isFalse();
        assertThat(allowed("ledger", "mapping")).isTrue();
        assertThat(allowed("ledger", "ledger")).isTrue();
    }

    /** Each use against the layering, as "package/File.java uses io.pinconv.package.Class". */
    private static Set<String> ties() {
        Set<String> ties = new LinkedHashSet<>();
        for (Path file : sources()) {
            String from = packageOf(file);
            Map<String, String> uses = uses(read(file));
            uses.forEach((name, to) -> {
                if (!allowed(from, to)) {
                    ties.add(SOURCES.resolve(ROOT.replace('.', '/'))
                                    .relativize(file)
                                    .toString()
                                    .replace('\\', '/') + " uses " + ROOT + "." + name);
                }
            });
        }
        return ties;
    }

    static boolean allowed(String from, String to) {
        return from.equals(to) || floorOf(to) > floorOf(from) && floorOf(from) >= 0;
    }

    private static int floorOf(String pkg) {
        for (int i = 0; i < FLOORS.size(); i++) {
            if (FLOORS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> usedPackages(String code) {
        return new LinkedHashSet<>(uses(code).values());
    }

    /** What a source file uses of the service: the class named (after io.pinconv.), by the package it is in. */
    private static Map<String, String> uses(String code) {
        Map<String, String> uses = new TreeMap<>();
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            String name = imports.group(1).substring(ROOT.length() + 1);
            uses.put(name, topPackage(name));
        }
        String body = IMPORT.matcher(code).replaceAll("").replaceFirst("(?m)^package\\s+[\\w.]+\\s*;", "");
        Matcher qualified = QUALIFIED.matcher(NOT_CODE.matcher(body).replaceAll(" "));
        while (qualified.find()) {
            uses.put(qualified.group(1), topPackage(qualified.group(1)));
        }
        return uses;
    }

    /** "ledger.Runs" → "ledger"; a class of the root package (Application) → "". */
    private static String topPackage(String name) {
        int dot = name.indexOf('.');
        return dot < 0 || Character.isUpperCase(name.charAt(0)) ? "" : name.substring(0, dot);
    }

    private static String packageOf(Path file) {
        Path relative = SOURCES.resolve(ROOT.replace('.', '/')).relativize(file);
        return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> java = new ArrayList<>(
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList());
            assertThat(java).as("the sources under " + SOURCES.toAbsolutePath()).isNotEmpty();
            return java;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
