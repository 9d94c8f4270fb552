package io.inlet.config.identity.policies;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.Store;

/**
 * DeleteIdentityPolicy: "returns successfully even if a policy with the specified name does not
 * exist" (reference), but, owner-only like the others, not for an identity that is not verified.
 */
final class DeleteIdentityPolicy implements ApiOperation {
    private final Store store;
    private final OwnedIdentity owned;

    DeleteIdentityPolicy(Store store, OwnedIdentity owned) {
        this.store = store;
        this.owned = owned;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String name = PolicyNames.required(request.params());
        String identity = owned.verified(request);
        store.write(tx -> tx.deleteIdentityAttribute(request.scope(), identity, PolicyNames.attribute(name)));
    }
}
