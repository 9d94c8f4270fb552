package io.inlet.config.identity;

import java.util.Locale;

/**
 * How identities become verified. {@code AUTO} (the default, for local use and tests) verifies
 * every new identity at once; {@code DNS} verifies domains by their {@code _amazonses} TXT record,
 * as SES does.
 */
public enum VerificationMode {
    AUTO,
    DNS;

    /** Parses the configuration spelling {@code auto} / {@code dns} (any case). */
    public static VerificationMode parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "dns" -> DNS;
            default -> throw new IllegalArgumentException("verification mode must be auto or dns: " + text);
        };
    }
}
