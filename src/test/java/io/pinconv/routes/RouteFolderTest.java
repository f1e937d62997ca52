package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.mock.env.MockEnvironment;

/** The folder setting's checks at startup, and the reload without a folder. */
class RouteFolderTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingOrEmptyFolderStopsTheStartupSayingWhatToDo() throws Exception {
        assertThatThrownBy(() -> RouteFolder.check(tmp.resolve("nope").toString()))
                .hasMessageContaining("conversions.routes.folder is " + tmp.resolve("nope"))
                .hasMessageContaining("not a directory")
                .hasMessageContaining("copy the packaged routes");
        Files.writeString(tmp.resolve("notes.txt"), "not a route");
        assertThatThrownBy(() -> RouteFolder.check(tmp.toString()))
                .hasMessageContaining("holds no *.yaml route file")
                .hasMessageContaining("remove the setting");
    }

    @Test
    void theFolderBecomesCamelsIncludePattern() throws Exception {
        Files.writeString(tmp.resolve("run.yaml"), "- route: {}");
        MockEnvironment env = new MockEnvironment()
                .withProperty("conversions.routes.folder", tmp.toString())
                .withProperty("camel.main.routes-include-pattern", "classpath:routes/*.yaml");
        new RouteFolderSetting().postProcessEnvironment(env, null);
        assertThat(env.getProperty("camel.main.routes-include-pattern"))
                .isEqualTo("file:" + tmp.toAbsolutePath() + "/*.yaml");
        assertThat(new RouteFolder(env).read())
                .extracting(RouteFolder.RouteFile::name)
                .containsExactly("run.yaml");
    }

    @Test
    void withoutAFolderAReloadAnswers409NamingTheSetting() {
        RouteReloader reloader =
                new RouteReloader(null, new RouteFolder(new MockEnvironment()), null, null, null, Duration.ZERO);
        var answer = new RoutesController(reloader).reload();
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody().get("error").toString()).contains("conversions.routes.folder");
    }
}
