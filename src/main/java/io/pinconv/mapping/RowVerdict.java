package io.pinconv.mapping;

import io.pinconv.pinterest.ConversionEvent;

/** What the mapping makes of one row: an event to send, or a rejection. */
public sealed interface RowVerdict {

    String eventId();

    record Send(ConversionEvent event) implements RowVerdict {
        @Override
        public String eventId() {
            return event.eventId();
        }
    }

    record HoldBack(Rejection rejection) implements RowVerdict {
        @Override
        public String eventId() {
            return rejection.eventId();
        }
    }
}
