package io.inlet.config.identity.policies;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityReferences;
import io.inlet.config.store.Store;

import java.util.List;

/**
 * PutIdentityPolicy: adds or replaces (same name) a policy of a verified identity. Order of
 * checks: parameters (name, policy present and not empty), the identity, the grammar
 * ({@code InvalidPolicy}), then the limit of 20 policies (a replacement does not count).
 */
final class PutIdentityPolicy implements ApiOperation {
    private final Store store;
    private final OwnedIdentity owned;

    PutIdentityPolicy(Store store, OwnedIdentity owned) {
        this.store = store;
        this.owned = owned;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String policy = IdentityReferences.required(request.params(), "Policy", "policy");
        String name = PolicyNames.required(request.params());
        if (policy.isEmpty()) {
            IdentityReferences.throwIfAny(List.of("Value '' at 'policy' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1"));
        }
        String identity = owned.verified(request);
        PolicyGrammar.validate(policy, IdentityReferences.arn(request.scope(), identity));
        store.write(tx -> {
            OwnedIdentity.stillThere(tx, request, identity);
            var existing = IdentityPolicies.of(tx, request.scope(), identity);
            if (!existing.containsKey(name) && existing.size() >= IdentityPolicies.MAX_PER_IDENTITY) {
                throw SesException.limitExceeded("Too many policies: identity " + identity + " already has "
                        + IdentityPolicies.MAX_PER_IDENTITY + ", the maximum.");
            }
            tx.putIdentityAttribute(request.scope(), identity, PolicyNames.attribute(name), policy);
            return null;
        });
    }
}
