package io.inlet.config.identity;

import io.inlet.config.store.IdentityRecord;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Decides verification statuses for the configured mode: what a new (or restarted) identity
 * starts as, and what a Pending one becomes when it is looked at again.
 */
final class VerificationPolicy {
    private final IdentitySettings settings;
    private final DomainVerificationChecker checker;
    private final Clock clock;

    VerificationPolicy(IdentitySettings settings, DomainVerificationChecker checker, Clock clock) {
        this.settings = settings;
        this.checker = checker;
        this.clock = clock;
    }

    /** Millisecond precision, so the timestamp survives a store round trip unchanged. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The status a new identity starts with. In dns mode an address stays Pending until its
     * confirmation link is followed ({@link EmailVerification}).
     */
    String initialStatus() {
        return settings.mode() == VerificationMode.AUTO ? IdentityStatus.SUCCESS : IdentityStatus.PENDING;
    }

    /** Whether {@link #next} may change this record (so callers can skip the rest cheaply). */
    boolean mayChange(IdentityRecord record) {
        // Success is never re-checked; Failed needs a new Verify call, as in SES. A Pending one
        // becomes Success in auto mode; in dns mode a domain by DNS, an address Failed after 24 hours.
        return IdentityStatus.PENDING.equals(record.status());
    }

    /**
     * The new status of a Pending record, or empty when it stays Pending. May do DNS I/O: call it
     * outside store transactions. A Pending record found in auto mode (left from a dns-mode run)
     * becomes Success. A DNS failure leaves the domain Pending rather than TemporaryFailure: the
     * lookup is repeated on the next poll, and only the 72-hour limit ends it.
     */
    Optional<String> next(IdentityRecord record) {
        if (!mayChange(record)) {
            return Optional.empty();
        }
        if (settings.mode() == VerificationMode.AUTO) {
            return Optional.of(IdentityStatus.SUCCESS);
        }
        if (!record.isDomain()) {
            // Only the confirmation link (EmailVerification) makes an address Success.
            return EmailVerification.expired(record, now()) ? Optional.of(IdentityStatus.FAILED) : Optional.empty();
        }
        if (now().isAfter(record.createdAt().plus(settings.pendingTimeout()))) {
            return Optional.of(IdentityStatus.FAILED);
        }
        return checker.check(record.identity(), record.verificationToken()) == DomainVerificationChecker.Outcome.FOUND
                ? Optional.of(IdentityStatus.SUCCESS)
                : Optional.empty();
    }
}
