package io.inlet.config.identity.policies;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityReferences;
import io.inlet.config.store.Store;

import java.util.ArrayList;
import java.util.List;

/** ListIdentityPolicies: the names of a verified identity's policies, sorted, {@code <PolicyNames/>} when none. */
final class ListIdentityPolicies implements ApiOperation {
    private final Store store;
    private final OwnedIdentity owned;

    ListIdentityPolicies(Store store, OwnedIdentity owned) {
        this.store = store;
        this.owned = owned;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String identity = owned.verified(request);
        List<String> names = store.read(tx -> new ArrayList<>(IdentityPolicies.of(tx, request.scope(), identity).keySet()));
        IdentityReferences.list(result, "PolicyNames", names);
    }
}
