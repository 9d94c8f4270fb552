package io.inlet.config.identity;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Store;

/**
 * DeleteIdentity ({@code Identity}: address or domain) and the deprecated
 * DeleteVerifiedEmailAddress ({@code EmailAddress}, addresses only). Both are idempotent: an
 * unknown or malformed identity is simply not there, and the call succeeds.
 */
final class DeleteIdentity implements ApiOperation {
    private final Store store;
    private final String parameter;
    private final boolean addressesOnly;

    private DeleteIdentity(Store store, String parameter, boolean addressesOnly) {
        this.store = store;
        this.parameter = parameter;
        this.addressesOnly = addressesOnly;
    }

    static DeleteIdentity anyIdentity(Store store) {
        return new DeleteIdentity(store, "Identity", false);
    }

    static DeleteIdentity emailAddress(Store store) {
        return new DeleteIdentity(store, "EmailAddress", true);
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String path = Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1);
        String identity = IdentityNames.normalize(Violations.required(request.params(), parameter, path));
        store.write(tx -> {
            boolean deletable = tx.identity(request.scope(), identity)
                    .map(r -> !addressesOnly || IdentityRecord.EMAIL_ADDRESS.equals(r.type()))
                    .orElse(false);
            if (deletable) {
                tx.deleteIdentity(request.scope(), identity);
            }
            return null;
        });
    }
}
