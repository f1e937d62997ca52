package io.pinconv;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.activation.ActivationRunner;
import io.pinconv.ledger.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** With nothing configured, the service starts on its embedded database and dry-runs the sample segment. */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class DemoModeIT {

    @Autowired
    ActivationRunner runner;

    @Test
    void theDemoDryRunsItsSampleSegmentWithoutSendingOrRecordingAnything(CapturedOutput output) {
        RunSummary first = runner.runNow("demo-purchases");
        assertThat(first.status()).isEqualTo("succeeded");
        assertThat(first.dryRun()).isTrue();
        assertThat(first.read()).isEqualTo(6);
        assertThat(first.delivered()).isEqualTo(3);
        assertThat(first.rejected()).isEqualTo(3);
        assertThat(output.getOut()).contains("Dry run of activation 'demo-purchases': would POST 3 events")
                .contains("\"em\":[\"").doesNotContain("alice.martin@example.com").doesNotContain("203.0.113.10");

        // a dry run records nothing as delivered: going live later sends every row
        assertThat(runner.runNow("demo-purchases").delivered()).isEqualTo(3);
    }
}
