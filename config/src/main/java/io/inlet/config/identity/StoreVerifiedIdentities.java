package io.inlet.config.identity;

import io.inlet.config.VerifiedIdentities;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import io.inlet.config.store.StoreTransaction;

/**
 * {@link VerifiedIdentities} over the store: an address is verified when it is itself a Success
 * address identity (local part compared exactly, as SES does) or when its domain is covered; a
 * domain is covered when it or a parent domain is a Success domain identity.
 */
public final class StoreVerifiedIdentities implements VerifiedIdentities {
    private final Store store;

    public StoreVerifiedIdentities(Store store) {
        this.store = store;
    }

    @Override
    public boolean isVerified(Scope scope, String identity) {
        if (identity == null || identity.isEmpty()) {
            return false;
        }
        String normal = IdentityNames.normalize(identity);
        return store.read(tx -> {
            if (IdentityNames.isEmailAddress(normal) && isSuccess(tx, scope, normal, IdentityRecord.EMAIL_ADDRESS)) {
                return true;
            }
            for (String domain = IdentityNames.domainOf(normal); !domain.isEmpty(); domain = parent(domain)) {
                if (isSuccess(tx, scope, domain, IdentityRecord.DOMAIN)) {
                    return true;
                }
            }
            return false;
        });
    }

    private static boolean isSuccess(StoreTransaction tx, Scope scope, String identity, String type) {
        return tx.identity(scope, identity)
                .filter(r -> type.equals(r.type()) && IdentityStatus.SUCCESS.equals(r.status()))
                .isPresent();
    }

    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 ? "" : domain.substring(dot + 1);
    }
}
