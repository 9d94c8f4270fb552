package io.inlet.config.identity;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.StoreTransaction;

import java.util.Optional;

/**
 * Starts verification of an identity inside a write transaction: creates it, or, when it exists,
 * keeps it (and its token) unless verification has to start over — a Failed identity, as SES
 * asks ("restart required"), or a leftover Pending one in auto mode.
 */
final class IdentityWriter {
    private final VerificationPolicy policy;

    IdentityWriter(VerificationPolicy policy) {
        this.policy = policy;
    }

    /** The identity's record after the call. */
    IdentityRecord verify(StoreTransaction tx, Scope scope, String identity, String type) {
        Optional<IdentityRecord> existing = tx.identity(scope, identity);
        boolean isDomain = IdentityRecord.DOMAIN.equals(type);
        if (existing.isPresent() && !mustRestart(existing.get(), isDomain)) {
            return existing.get();
        }
        // Re-verifying keeps the token: a TXT record already published for it stays valid.
        // An address gets a confirmation token only when it has to be confirmed by mail (dns mode).
        String token = isDomain
                ? existing.map(IdentityRecord::verificationToken).orElseGet(VerificationTokens::newToken)
                : IdentityStatus.PENDING.equals(policy.initialStatus()) ? EmailVerification.newToken() : null;
        IdentityRecord record = new IdentityRecord(identity, type, token, policy.initialStatus(), policy.now());
        tx.upsertIdentity(scope, record);
        return record;
    }

    private boolean mustRestart(IdentityRecord current, boolean isDomain) {
        if (isDomain && current.verificationToken() == null) {
            return true;
        }
        if (!isDomain && current.verificationToken() == null && IdentityStatus.PENDING.equals(current.status())
                && IdentityStatus.PENDING.equals(policy.initialStatus())) {
            return true; // a Pending address from before verification mail: give it a token
        }
        if (!isDomain && IdentityStatus.PENDING.equals(current.status()) && current.verificationToken() != null
                && EmailVerification.expired(current, policy.now())) {
            return true; // its link has expired: a new token, a new 24-hour window
        }
        String status = current.status();
        if (IdentityStatus.SUCCESS.equals(status)) {
            return false;
        }
        // Failed (or any non-Pending state) starts over; a Pending one keeps its 72-hour clock.
        return !IdentityStatus.PENDING.equals(status) || IdentityStatus.SUCCESS.equals(policy.initialStatus());
    }
}
