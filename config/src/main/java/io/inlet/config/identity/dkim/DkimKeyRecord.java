package io.inlet.config.identity.dkim;

import java.util.Optional;

/** Reads the {@code p=} tag of a DKIM key record (RFC 6376 §3.6.1), whitespace inside values ignored. */
final class DkimKeyRecord {
    private DkimKeyRecord() {
    }

    static Optional<String> publicKey(String record) {
        for (String tag : record.split(";")) {
            int eq = tag.indexOf('=');
            if (eq > 0 && tag.substring(0, eq).strip().equals("p")) {
                // Long keys are often published split over several strings or lines: folding
                // whitespace may appear anywhere in the base64 value.
                String value = tag.substring(eq + 1).replaceAll("\\s+", "");
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
