package io.inlet.engine.outbound;

import java.util.Locale;

/** Where an outbound entry is in its life; each state is a directory of the queue (see package doc). */
public enum OutboundState {
    /** Waiting for its first attempt, or being attempted now. */
    ACTIVE,
    /** Some recipients got a temporary failure; waiting for the next attempt. */
    DEFERRED,
    /** Every recipient is done and some failed for good; kept for an operator. */
    DEAD;

    /** The directory name, also the metrics tag value. */
    public String directory() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code active}, {@code deferred} or {@code dead}, any case. */
    public static OutboundState parse(String value) {
        if (value != null) {
            for (OutboundState state : values()) {
                if (state.name().equalsIgnoreCase(value.trim())) {
                    return state;
                }
            }
        }
        throw new IllegalArgumentException("state must be active, deferred or dead: " + value);
    }
}
