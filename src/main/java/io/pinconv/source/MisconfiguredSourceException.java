package io.pinconv.source;

import java.util.List;

/** Sources whose settings cannot work, refused at start with what to fix in each. */
public class MisconfiguredSourceException extends IllegalArgumentException {

    public MisconfiguredSourceException(List<String> problems) {
        super("conversions.sources is misconfigured: " + String.join("; ", problems));
    }
}
