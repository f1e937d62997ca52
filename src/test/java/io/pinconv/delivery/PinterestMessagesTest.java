package io.pinconv.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pinterest's message on a refused event reaches the WARN line without the person it may quote. */
class PinterestMessagesTest {

    @Test
    void anEmailAddressPinterestQuotesAndLineBreaksAreNotLogged() {
        assertThat(OutcomeRecorder.pinterestMessage(
                        "'em' must be hashed, found ada.lovelace@example.com\nERROR forged"))
                .isEqualTo("'em' must be hashed, found <masked e-mail> ERROR forged");
        assertThat(OutcomeRecorder.pinterestMessage(null)).isNull();
    }
}
