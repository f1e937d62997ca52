package io.pinconv.mapping;

import java.util.List;

/** What the mapping makes of one row: an event to send (with the fields it goes without), or a rejection. */
public sealed interface RowVerdict {

    String eventId();

    /** @param warnings the fields left out because their value could not be normalised; empty for most rows */
    record Send(ConversionEvent event, List<FieldWarning> warnings) implements RowVerdict {

        public Send {
            warnings = List.copyOf(warnings);
        }

        public Send(ConversionEvent event) {
            this(event, List.of());
        }

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
