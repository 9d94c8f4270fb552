package io.inlet.config.identity.notifications;

import io.inlet.config.api.SesException;

/** The SES {@code NotificationType} enum: the kinds of sending feedback an identity can route to a topic. */
public enum NotificationType {
    BOUNCE("Bounce"),
    COMPLAINT("Complaint"),
    DELIVERY("Delivery");

    private final String wire;

    NotificationType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /**
     * The type named on the wire (case-sensitive, as Smithy enums are). Anything else is
     * LocalStack's AWS-validated InvalidParameterValue text (peers.md §B.2, G-NT-06).
     */
    static NotificationType parse(String raw) {
        for (NotificationType t : values()) {
            if (t.wire.equals(raw)) {
                return t;
            }
        }
        throw SesException.invalidParameter(
                "Invalid notification type: " + raw + ". Valid values are: Bounce, Complaint, Delivery.");
    }
}
