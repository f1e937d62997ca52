package io.pinconv.routes;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinconv.routes.RouteFolder.RouteFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteContractTest {

    final RouteValidatorTest harness = new RouteValidatorTest();

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        harness.setUp();
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() {
        harness.tearDown();
    }

    /** The contract is checked on what Camel built from the files, as a reload does. */
    void check(List<RouteFile> files) throws Exception {
        harness.validator.validate(files, RouteValidatorTest.TRIGGER);
    }

    static List<RouteFile> packaged(String file, String from, String to) throws IOException {
        List<RouteFile> files = new ArrayList<>();
        for (Path p : RouteFolder.yamlFiles(Path.of("routes"))) {
            String name = p.getFileName().toString();
            String text = Files.readString(p);
            if (name.equals(file)) {
                if (!text.contains(from)) {
                    throw new AssertionError(from + " is not in " + file);
                }
                text = text.replace(from, to);
            }
            files.add(new RouteFile(name, "file:" + p, text));
        }
        return files;
    }

    @Test
    void thePackagedRoutesKeepTheContract() throws IOException {
        assertThatCode(() -> check(packaged("run.yaml", "", ""))).doesNotThrowAnyException();
    }

    @Test
    void aRemovedLoadBearingStepIsRefusedWithTheFileAndLineOfItsRoute() throws IOException {
        List<RouteFile> files = packaged(
                "run.yaml",
                "                  steps:\n                    - to:\n"
                        + "                        id: each-batch\n                        uri: direct:process-batch\n",
                "");
        assertThatThrownBy(() -> check(files))
                .hasMessageStartingWith(
                        "run.yaml:" + (PackagedRoutes.lineOf("run.yaml", "id: run-activation") - 1)
                                + ": route 'run-activation' lost its step 'each-batch' (to direct:process-batch), which may not be removed:")
                .hasMessageContaining("the run waits for them");
    }

    @Test
    void aLoadBearingStepThatNowDoesSomethingElseIsRefusedAtItsLine() throws IOException {
        List<RouteFile> files = packaged("run.yaml", "method: advanceCursor", "method: reportProgress");
        assertThatThrownBy(() -> check(files))
                .hasMessageStartingWith(
                        "run.yaml:" + (PackagedRoutes.lineOf("run.yaml", "id: advance-cursor") - 1)
                                + ": step 'advance-cursor' of route 'process-batch' must stay 'advance-cursor' (bean batchCursor.advanceCursor)");
    }

    @Test
    void aRouteGoneWithItsFileIsNamed() throws IOException {
        List<RouteFile> files = new ArrayList<>(packaged("run.yaml", "", ""));
        files.removeIf(f -> f.name().equals("activation.yaml"));
        assertThatThrownBy(() -> check(files))
                .hasMessageStartingWith("routes: no route 'activation-trigger' is left in any file");
    }

    /** The edit that wedged runs: emptying has-events moved advance-cursor under its condition. */
    @Test
    void anEmptiedBlockIsRefusedAtItsLineForCamelWouldNestTheStepsAfterIt() throws IOException {
        List<RouteFile> files = packaged(
                "run.yaml",
                "                  steps:\n                    - to:\n"
                        + "                        id: deliver\n                        uri: direct:deliver-batch\n"
                        + "                        variableReceive: answer\n",
                "                  steps: []\n");
        assertThatThrownBy(() -> check(files))
                .hasMessageStartingWith(
                        "run.yaml:" + (PackagedRoutes.lineOf("run.yaml", "id: deliver") - 2)
                                + ": 'steps: []' does not leave this step empty: Camel would put every step that follows it inside it");
    }

    @Test
    void recordingWhatPinterestAcceptedIsLoadBearing() throws IOException {
        List<RouteFile> files = packaged(
                "delivery.yaml",
                "                            id: record\n"
                        + "                            ref: outcomeRecorder\n                            method: record\n",
                "                            id: record\n                            ref: dryRunSink\n                            method: write\n");
        assertThatThrownBy(() -> check(files)).hasMessageContaining("step 'record' of route 'deliver-batch' must stay");
    }

    /** Without variableReceive, Pinterest's answer became the chunk's body and every run failed to settle it. */
    @Test
    void keepingPinterestsAnswerApartFromTheChunkIsLoadBearing() throws IOException {
        List<RouteFile> files = packaged("run.yaml", "                        variableReceive: answer\n", "");
        assertThatThrownBy(() -> check(files))
                .hasMessageStartingWith("run.yaml:" + (PackagedRoutes.lineOf("run.yaml", "id: deliver") - 1)
                        + ": step 'deliver' of route 'process-batch' must stay 'deliver' (to direct:deliver-batch,"
                        + " variableReceive: answer)");
    }
}
