package io.inlet.engine.outbound;

import java.util.Locale;

/** Whether the SMTP client upgrades a relay connection with STARTTLS. */
public enum StartTlsPolicy {
    /** Never: plain text even when the server offers STARTTLS. */
    OFF,
    /** When the server offers it; plain text otherwise. */
    OPPORTUNISTIC,
    /** Always: a server without STARTTLS is a failed attempt (the entry is deferred). */
    REQUIRED;

    /** {@code off}, {@code opportunistic} or {@code required}, any case. */
    public static StartTlsPolicy parse(String value) {
        if (value != null) {
            for (StartTlsPolicy policy : values()) {
                if (policy.name().equalsIgnoreCase(value.trim())) {
                    return policy;
                }
            }
        }
        throw new IllegalArgumentException("STARTTLS policy must be off, opportunistic or required: " + value);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
