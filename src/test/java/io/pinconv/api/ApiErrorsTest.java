package io.pinconv.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.activation.MisconfiguredActivationException;
import io.pinconv.activation.NoSuchActivationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin API's status follows from the kind of failure, whatever its message says. */
class ApiErrorsTest {

    private final ApiErrors errors = new ApiErrors();

    @Test
    void anUnknownActivationIsNotFound() {
        assertThat(errors.notFound(new NoSuchActivationException("nope"))
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void aMisconfiguredActivationIsAConflictEvenIfItsProblemsSaySomethingElse() {
        var answer = errors.misconfigured(
                new MisconfiguredActivationException("shop", List.of("no activation 'x' is configured")));
        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(answer.getBody())
                .containsEntry("error", "activation 'shop' is misconfigured: no activation 'x' is configured");
    }

    @Test
    void aBadRequestStaysABadRequestWhateverItsWording() {
        assertThat(errors.badRequest(new IllegalArgumentException("destination 'd' is misconfigured"))
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(errors.badRequest(new IllegalArgumentException()).getBody()).containsEntry("error", "Bad Request");
    }
}
