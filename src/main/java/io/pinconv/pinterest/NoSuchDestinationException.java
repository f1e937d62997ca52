package io.pinconv.pinterest;

/** No destination of that id is configured (conversions.destinations.<id>). */
public class NoSuchDestinationException extends RuntimeException {

    public NoSuchDestinationException(String destinationId) {
        super("no destination '" + destinationId + "' is configured (conversions.destinations." + destinationId + ")");
    }
}
