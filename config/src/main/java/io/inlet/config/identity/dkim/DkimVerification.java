package io.inlet.config.identity.dkim;

import io.inlet.config.identity.IdentityStatus;
import io.inlet.config.identity.DnsQueries;
import io.inlet.config.identity.DomainVerificationChecker.Outcome;
import io.inlet.config.identity.IdentitySettings;
import io.inlet.config.identity.VerificationMode;

import java.time.Clock;
import java.util.Optional;

/**
 * Decides DkimVerificationStatus. Auto mode: Success at once. DNS mode: Success when the TXT key
 * record of every selector is found with this key's public key ({@code p=}), directly or behind
 * a CNAME; Pending while one is missing; TemporaryFailure while lookups fail; Failed once
 * the 72 hours (IdentitySettings#pendingTimeout) since VerifyDomainDkim have passed without Success.
 * A record with the right name but another key does not count: it would make signatures fail.
 */
final class DkimVerification {
    private final IdentitySettings settings;
    private final DnsQueries dns;
    private final Clock clock;

    DkimVerification(IdentitySettings settings, DnsQueries dns, Clock clock) {
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

    /** Whether {@link #next} may change the domain's state (callers skip the rest cheaply). */
    static boolean mayChange(DkimSettings dkim) {
        // Success and Failed are final until VerifyDomainDkim restarts the check
        return dkim.isSetUp() && (IdentityStatus.PENDING.equals(dkim.status())
                || IdentityStatus.TEMPORARY_FAILURE.equals(dkim.status()));
    }

    /** The new status, or empty when it stays. May do DNS I/O: call it outside store transactions. */
    Optional<String> next(String domain, DkimSettings dkim) {
        if (!mayChange(dkim)) {
            return Optional.empty();
        }
        String next;
        if (settings.mode() == VerificationMode.AUTO) {
            next = IdentityStatus.SUCCESS; // left Pending by a run in dns mode
        } else if (now() > dkim.startedAt() + settings.pendingTimeout().toMillis()) {
            next = IdentityStatus.FAILED;
        } else {
            next = fromDns(domain, dkim);
        }
        return next.equals(dkim.status()) ? Optional.empty() : Optional.of(next);
    }

    private String fromDns(String domain, DkimSettings dkim) {
        boolean unavailable = false;
        for (DkimKey key : dkim.keys()) {
            String expected = key.publicKeyBase64();
            Outcome found = dns.txt(key.recordName(domain), value -> DkimKeyRecord.publicKey(value)
                    .filter(expected::equals).isPresent());
            if (found == Outcome.NOT_FOUND) {
                return IdentityStatus.PENDING; // one selector known to be missing settles it
            }
            unavailable |= found == Outcome.UNAVAILABLE;
        }
        return unavailable ? IdentityStatus.TEMPORARY_FAILURE : IdentityStatus.SUCCESS;
    }
}
