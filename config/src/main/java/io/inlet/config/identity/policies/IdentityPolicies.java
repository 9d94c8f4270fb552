package io.inlet.config.identity.policies;

import io.inlet.config.store.Scope;
import io.inlet.config.store.StoreTransaction;

import java.util.Map;
import java.util.TreeMap;

/**
 * The sending authorization policies of one identity, stored as its {@code policy:<PolicyName>}
 * attributes. The sending code reads them here and asks {@link PolicyEvaluator} about them.
 */
public final class IdentityPolicies {
    static final String PREFIX = "policy:";
    /** At most 20 policies per identity (peers.md G-PO-01; the reference's 20 per GetIdentityPolicies). */
    static final int MAX_PER_IDENTITY = 20;

    private IdentityPolicies() {
    }

    /** Policy name → policy JSON as it was put, sorted by name. */
    public static Map<String, String> of(StoreTransaction tx, Scope scope, String identity) {
        Map<String, String> out = new TreeMap<>();
        tx.identityAttributes(scope, identity).forEach((name, json) -> {
            if (name.startsWith(PREFIX)) {
                out.put(name.substring(PREFIX.length()), json);
            }
        });
        return out;
    }
}
