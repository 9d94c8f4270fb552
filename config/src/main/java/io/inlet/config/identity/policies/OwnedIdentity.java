package io.inlet.config.identity.policies;

import io.inlet.config.api.ApiRequest;
import io.inlet.config.identity.IdentityReferences;
import io.inlet.config.store.StoreTransaction;

/**
 * The owner-only rule of the policy operations: "This API is for the identity owner only. If you
 * have not verified the identity, this API will return an error" (reference). The identity comes
 * by name or ARN; an ARN of another account or region is not this caller's, so it is reported as
 * not existing, and so is a Pending or Failed one (LocalStack's AWS-validated text, G-NT-06).
 */
final class OwnedIdentity {
    private final IdentityReferences identities;

    OwnedIdentity(IdentityReferences identities) {
        this.identities = identities;
    }

    /** The normal name of the caller's verified identity named by the required {@code Identity}. */
    String verified(ApiRequest request) {
        String asGiven = IdentityReferences.required(request.params(), "Identity", "identity");
        String identity = IdentityReferences.resolve(request.scope(), asGiven)
                .orElseThrow(() -> IdentityReferences.notVerified(asGiven));
        if (!identities.isVerified(request.scope(), identity)) {
            throw IdentityReferences.notVerified(asGiven);
        }
        return identity;
    }

    /** Inside the write: the identity may have been deleted since {@link #verified}. */
    static void stillThere(StoreTransaction tx, ApiRequest request, String identity) {
        if (tx.identity(request.scope(), identity).isEmpty()) {
            throw IdentityReferences.notVerified(request.params().get("Identity"));
        }
    }
}
