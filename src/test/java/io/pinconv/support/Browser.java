package io.pinconv.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by its chromedriver, both found on this machine (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them). Without them the browser tests are skipped, saying how to
 * install them, unless {@code CONSOLE_BROWSER=required} (set by CI), where a missing browser fails the build.
 */
public final class Browser implements AutoCloseable {

    private static final List<String> BROWSERS =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final List<String> DRIVERS = List.of("chromedriver");

    public final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser start(int width, int height) {
        Optional<Path> browser = find(BROWSERS);
        Optional<Path> chromedriver = find(DRIVERS);
        if (browser.isEmpty() || chromedriver.isEmpty()) {
            String why =
                    "no Chromium and chromedriver on this machine's PATH (Debian: apt-get install chromium chromium-driver)";
            if ("required".equals(System.getenv("CONSOLE_BROWSER"))) {
                throw new IllegalStateException(why + ", and CONSOLE_BROWSER=required");
            }
            Assumptions.abort(why + ": the console's browser tests are skipped");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=" + width + "," + height,
                "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(driver);
    }

    public WebDriverWait waiting(Duration d) {
        // the page rebuilds what it shows after each call: an element read a moment ago may be gone, ask again
        WebDriverWait wait = new WebDriverWait(driver, d);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** What the page wrote to the console and any script error: a test shows them when it fails. */
    public String consoleLog() {
        StringBuilder b = new StringBuilder();
        driver.manage()
                .logs()
                .get(LogType.BROWSER)
                .forEach(e -> b.append(e.getLevel())
                        .append(' ')
                        .append(e.getMessage())
                        .append('\n'));
        return b.toString();
    }

    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<Path> find(List<String> names) {
        String path = System.getenv().getOrDefault("PATH", "");
        return names.stream()
                .flatMap(n -> Stream.concat(
                                Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, n)),
                                Stream.of(Path.of("/usr/bin", n), Path.of("/usr/lib/chromium", n)))
                        .filter(Files::isExecutable))
                .findFirst();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
