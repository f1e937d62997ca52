package io.pinconv.pinterest;

/** Pinterest's Event Quality Score could not be read: why, and what to do. */
public class QualityScoreUnavailableException extends RuntimeException {

    public QualityScoreUnavailableException(String message) {
        super(message, null, false, false);
    }
}
