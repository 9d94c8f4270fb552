package io.inlet.actions.lambda;

/** The SES {@code InvocationType}s, by their wire values. */
public enum InvocationType {
    /** Fire and forget: done once the backend accepted the event; the disposition is not read. */
    EVENT("Event"),
    /** Wait (up to the timeout) for the function's result and read its disposition. */
    REQUEST_RESPONSE("RequestResponse");

    private final String wire;

    InvocationType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for anything but {@code Event} and {@code RequestResponse} */
    public static InvocationType of(String wire) {
        for (InvocationType type : values()) {
            if (type.wire.equals(wire)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Invalid InvocationType: " + wire);
    }
}
