package io.inlet.config.identity;

/** SES {@code VerificationStatus} values (the enum also has NotStarted, which Inlet never stores). */
final class IdentityStatus {
    static final String PENDING = "Pending";
    static final String SUCCESS = "Success";
    static final String FAILED = "Failed";

    private IdentityStatus() {
    }
}
