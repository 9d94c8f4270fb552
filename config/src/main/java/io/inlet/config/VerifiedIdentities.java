package io.inlet.config;

import io.inlet.config.store.Scope;

/** Answers whether an identity is verified in a scope (used by rule validation, e.g. a Bounce Sender). */
@FunctionalInterface
public interface VerifiedIdentities {

    /**
     * True when {@code identity} is a verified email-address identity, or a domain (or an
     * address at a domain) covered by a verified domain identity or one of its parent domains.
     */
    boolean isVerified(Scope scope, String identity);
}
