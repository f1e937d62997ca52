package io.pinconv.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An operator's reason reaches logs and webhooks on one line, bounded, with nothing hidden in it. */
class ReasonsTest {

    @Test
    void aLineBreakCannotStartAForgedLogLine() {
        String forged = "ok\n2026-12-01T00:00:00.000Z ERROR 1 --- [main] io.pinconv.alerts : forged\r\nmore";
        assertThat(Reasons.clean(forged))
                .doesNotContain("\n", "\r")
                .isEqualTo("ok 2026-12-01T00:00:00.000Z ERROR 1 --- [main] io.pinconv.alerts : forged more");
    }

    @Test
    void tabsOtherControlsAndInvisibleFormatCharactersGo() {
        assertThat(Reasons.clean("a\tb\u0000c\u001b[31md\u0085e\u2028f\u2029g")).isEqualTo("a b c [31md e f g");
        // bidirectional overrides and zero-width characters make a log show other text than it holds
        assertThat(Reasons.clean("pay\u202Eyalp\u200Bx\uFEFF")).isEqualTo("payyalpx");
        assertThat(Reasons.clean("lone \uD800 surrogate")).isEqualTo("lone  surrogate");
        assertThat(Reasons.clean("café ☕ 顧客の依頼 \uD83D\uDE00"))
                .as("ordinary text is kept")
                .isEqualTo("café ☕ 顧客の依頼 \uD83D\uDE00");
    }

    @Test
    void nothingReadableIsNoReason() {
        assertThat(Reasons.clean(null)).isNull();
        assertThat(Reasons.clean(" \r\n\t ")).isNull();
    }

    @Test
    void fiveHundredCharactersAtMost() {
        assertThat(Reasons.clean("x".repeat(500))).hasSize(500);
        assertThat(Reasons.clean("\uD83D\uDE00".repeat(500)))
                .as("characters, not UTF-16 units")
                .hasSize(1000);
        assertThatThrownBy(() -> Reasons.clean("x".repeat(501)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason is too long: at most 500 characters (found 501)");
    }
}
