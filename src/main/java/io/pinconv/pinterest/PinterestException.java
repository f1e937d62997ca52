package io.pinconv.pinterest;

/** Pinterest did not take a request; the subclass says whether trying again can help. */
public abstract class PinterestException extends RuntimeException {

    private final int status;

    protected PinterestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
