package io.pinconv.pinterest;

/** Pinterest refused the request as a whole (400 and other 4xx): sending it again unchanged cannot help. */
public class RequestRefusedException extends PinterestException {

    public RequestRefusedException(int status, String message) {
        super(status, message);
    }
}
