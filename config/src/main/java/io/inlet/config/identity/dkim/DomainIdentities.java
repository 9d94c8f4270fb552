package io.inlet.config.identity.dkim;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.StoreTransaction;

/**
 * Adds a domain identity as VerifyDomainIdentity would (or keeps the existing one), inside the
 * caller's transaction: VerifyDomainDkim "adds the domain as an identity if needed".
 * IdentityOperations supplies it, so the identity rules stay in one place.
 */
@FunctionalInterface
public interface DomainIdentities {
    IdentityRecord verify(StoreTransaction tx, Scope scope, String domain);
}
