package io.inlet.config.identity;

/**
 * SES {@code VerificationStatus} values, shared by identity, Easy DKIM and MAIL FROM verification.
 * Identities are never stored NotStarted; a domain without Easy DKIM reports it.
 */
public final class IdentityStatus {
    public static final String PENDING = "Pending";
    public static final String SUCCESS = "Success";
    public static final String FAILED = "Failed";
    public static final String TEMPORARY_FAILURE = "TemporaryFailure";
    public static final String NOT_STARTED = "NotStarted";

    private IdentityStatus() {
    }
}
