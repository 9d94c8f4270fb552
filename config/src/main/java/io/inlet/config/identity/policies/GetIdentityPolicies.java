package io.inlet.config.identity.policies;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityReferences;
import io.inlet.config.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * GetIdentityPolicies: the named policies of a verified identity (at most 20 names per call,
 * each 1-64 characters by the model), as name → the JSON exactly as put. Names without a policy
 * are left out of the map, as the verification-attribute maps leave out unknown identities.
 */
final class GetIdentityPolicies implements ApiOperation {
    static final int MAX_NAMES = 20;

    private final Store store;
    private final OwnedIdentity owned;

    GetIdentityPolicies(Store store, OwnedIdentity owned) {
        this.store = store;
        this.owned = owned;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        List<String> names = request.params().list("PolicyNames");
        if (names == null) {
            throw IdentityReferences.missing("policyNames");
        }
        List<String> violations = new ArrayList<>();
        if (names.size() > MAX_NAMES) {
            violations.add("Value at 'policyNames' failed to satisfy constraint: Member must have length less than "
                    + "or equal to " + MAX_NAMES);
        }
        for (int i = 0; i < names.size(); i++) {
            String v = PolicyNames.lengthViolation(names.get(i), "policyNames." + (i + 1) + ".member");
            if (v != null) {
                violations.add(v);
            }
        }
        IdentityReferences.throwIfAny(violations);
        String identity = owned.verified(request);
        Map<String, String> policies = store.read(tx -> IdentityPolicies.of(tx, request.scope(), identity));

        Map<String, String> found = new LinkedHashMap<>();
        for (String name : new LinkedHashSet<>(names)) {
            if (policies.containsKey(name)) {
                found.put(name, policies.get(name));
            }
        }
        result.start("Policies");
        found.forEach((name, json) -> result.start("entry").element("key", name).element("value", json).end());
        result.end();
    }
}
