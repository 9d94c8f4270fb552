package io.inlet.config.identity.mailfrom;

import io.inlet.config.identity.IdentityStatus;
import io.inlet.config.identity.DnsQueries;
import io.inlet.config.identity.DomainVerificationChecker.Outcome;
import io.inlet.config.identity.IdentitySettings;
import io.inlet.config.identity.VerificationMode;

import java.time.Clock;
import java.util.Optional;

/**
 * Decides MailFromDomainStatus from the MX record of the MAIL FROM domain (the reference: "whether
 * Amazon SES has successfully read the MX record required for custom MAIL FROM domain setup").
 * Auto mode: Success at once. DNS mode, on every look (SES keeps checking, so a removed record
 * is noticed): an MX found is Success; a failed lookup TemporaryFailure; no MX is Failed when the
 * record was there before ("the record no longer exists") or 72 hours have passed since it was
 * set, else still Pending. SES wants the MX to point at its feedback host; Inlet has none, so
 * any MX counts (the bounces go wherever the operator points it).
 */
final class MailFromVerification {
    private final IdentitySettings settings;
    private final DnsQueries dns;
    private final Clock clock;

    MailFromVerification(IdentitySettings settings, DnsQueries dns, Clock clock) {
        this.settings = settings;
        this.dns = dns;
        this.clock = clock;
    }

    long now() {
        return clock.millis();
    }

    String initialStatus() {
        return settings.mode() == VerificationMode.AUTO ? IdentityStatus.SUCCESS : IdentityStatus.PENDING;
    }

    /** The new status, or empty when it stays. May do DNS I/O: call it outside store transactions. */
    Optional<String> next(MailFromSettings mailFrom) {
        if (mailFrom.domain() == null) {
            return Optional.empty();
        }
        String next;
        if (settings.mode() == VerificationMode.AUTO) {
            next = IdentityStatus.SUCCESS;
        } else {
            next = switch (dns.mx(mailFrom.domain())) {
                case FOUND -> IdentityStatus.SUCCESS;
                case UNAVAILABLE -> IdentityStatus.TEMPORARY_FAILURE;
                case NOT_FOUND -> IdentityStatus.SUCCESS.equals(mailFrom.status()) || expired(mailFrom)
                        ? IdentityStatus.FAILED : IdentityStatus.PENDING;
            };
        }
        return next.equals(mailFrom.status()) ? Optional.empty() : Optional.of(next);
    }

    private boolean expired(MailFromSettings mailFrom) {
        return mailFrom.setAt() != null && now() > mailFrom.setAt() + settings.pendingTimeout().toMillis();
    }
}
