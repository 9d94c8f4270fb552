package io.inlet.config.identity.policies;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.identity.IdentityReferences;

import java.util.Map;

/** The sending authorization policy operations (issue 6 item 4), by SES action name. */
public final class PolicyOperations {
    private PolicyOperations() {
    }

    public static Map<String, ApiOperation> operations(IdentityReferences identities) {
        OwnedIdentity owned = new OwnedIdentity(identities);
        return Map.of(
                "PutIdentityPolicy", new PutIdentityPolicy(identities.store(), owned),
                "GetIdentityPolicies", new GetIdentityPolicies(identities.store(), owned),
                "ListIdentityPolicies", new ListIdentityPolicies(identities.store(), owned),
                "DeleteIdentityPolicy", new DeleteIdentityPolicy(identities.store(), owned));
    }
}
