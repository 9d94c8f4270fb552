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
        String token = isDomain
                ? existing.map(IdentityRecord::verificationToken).orElseGet(VerificationTokens::newToken)
                : null;
        IdentityRecord record = new IdentityRecord(identity, type, token, policy.initialStatus(), policy.now());
        tx.upsertIdentity(scope, record);
        return record;
    }

    private boolean mustRestart(IdentityRecord current, boolean isDomain) {
        if (isDomain && current.verificationToken() == null) {
            return true;
        }
        String status = current.status();
        if (IdentityStatus.SUCCESS.equals(status)) {
            return false;
        }
        // Failed (or any non-Pending state) starts over; a Pending one keeps its 72-hour clock.
        return !IdentityStatus.PENDING.equals(status) || IdentityStatus.SUCCESS.equals(policy.initialStatus());
    }
}
