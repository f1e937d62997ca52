package io.pinconv.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What reaches Slack is shown as written: no mention, no link an operator's text did not mean. */
class AlertsTextTest {

    @Test
    void slackControlSequencesAreShownNotObeyed() {
        assertThat(Alerts.slackEscaped("<!channel> ping <@U123> & <https://evil.example|click>"))
                .isEqualTo("&lt;!channel&gt; ping &lt;@U123&gt; &amp; &lt;https://evil.example|click&gt;");
        assertThat(Alerts.slackEscaped("&lt;"))
                .as("escaped once more, so shown as typed")
                .isEqualTo("&amp;lt;");
    }
}
