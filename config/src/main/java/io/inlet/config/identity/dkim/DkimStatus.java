package io.inlet.config.identity.dkim;

/** SES {@code DkimVerificationStatus} values (the {@code VerificationStatus} enum). */
final class DkimStatus {
    static final String PENDING = "Pending";
    static final String SUCCESS = "Success";
    static final String FAILED = "Failed";
    static final String TEMPORARY_FAILURE = "TemporaryFailure";
    static final String NOT_STARTED = "NotStarted";

    private DkimStatus() {
    }

    /** Statuses DNS may still change; Success and Failed are final until VerifyDomainDkim restarts. */
    static boolean mayChange(String status) {
        return PENDING.equals(status) || TEMPORARY_FAILURE.equals(status);
    }
}
