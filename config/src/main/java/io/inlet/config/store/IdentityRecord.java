package io.inlet.config.store;

import java.time.Instant;

/**
 * A verified (or pending) identity: a domain or an email address, stored lower-cased for domains.
 *
 * @param identity           the domain or address as it is stored and listed
 * @param type               {@code Domain} or {@code EmailAddress}
 * @param verificationToken  the TXT token for domains; null for addresses
 * @param status             {@code Pending}, {@code Success}, {@code Failed}, {@code TemporaryFailure}
 * @param createdAt          when verification started (drives the 72-hour Failed rule)
 */
public record IdentityRecord(String identity, String type, String verificationToken, String status, Instant createdAt) {

    public static final String DOMAIN = "Domain";
    public static final String EMAIL_ADDRESS = "EmailAddress";

    public boolean isDomain() {
        return DOMAIN.equals(type);
    }

    public IdentityRecord withStatus(String newStatus) {
        return new IdentityRecord(identity, type, verificationToken, newStatus, createdAt);
    }
}
