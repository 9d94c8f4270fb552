package io.inlet.config.identity;

/** Looks for a domain's verification record (the {@code _amazonses} TXT record in DNS mode). */
@FunctionalInterface
public interface DomainVerificationChecker {

    enum Outcome {
        /** The record holds the token: the domain is verified. */
        FOUND,
        /** The lookup worked and the record is not there (yet). */
        NOT_FOUND,
        /** The lookup itself failed (timeout, SERVFAIL, ...): no conclusion, ask again later. */
        UNAVAILABLE
    }

    Outcome check(String domain, String token);

    /** The DNS checker for the configured resolvers and timeout. */
    static DomainVerificationChecker forSettings(IdentitySettings settings) {
        return DnsDomainVerificationChecker.create(settings.dnsServers(), settings.dnsTimeout());
    }
}
