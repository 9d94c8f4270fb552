package io.inlet.engine.outbound;

import java.util.Locale;

/** What one delivery attempt did for one recipient; also the {@code outcome} metrics tag. */
enum DeliveryOutcome {
    DELIVERED, DEFERRED, FAILED;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
