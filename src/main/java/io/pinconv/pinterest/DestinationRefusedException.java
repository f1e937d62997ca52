package io.pinconv.pinterest;

/** 401 or 403: the destination's token is wrong or may not send to this ad account. Retrying cannot help. */
public class DestinationRefusedException extends PinterestException {

    public DestinationRefusedException(int status, String message) {
        super(status, message);
    }
}
