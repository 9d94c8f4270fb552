package io.inlet.config.identity.mailfrom;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityDomains;
import io.inlet.config.identity.IdentityReferences;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;

import java.util.Optional;

/**
 * SetIdentityMailFromDomain. The texts are the ones moto's tests hold SES to (peers.md M-MF-01):
 * an unknown identity is InvalidParameterValue "Identity '…' does not exist."; a MAIL FROM
 * domain that is not strictly a subdomain of the identity's domain (the domain itself included,
 * reference: "must be a subdomain of the verified identity") is InvalidParameterValue; an unknown
 * BehaviorOnMXFailure is Smithy's enum ValidationError. No (or an empty) MailFromDomain clears
 * the setup ("a value of null disables the custom MAIL FROM setting"), keeping the behaviour given.
 */
final class SetIdentityMailFromDomain implements ApiOperation {
    private final Store store;
    private final MailFromVerification verification;

    SetIdentityMailFromDomain(Store store, MailFromVerification verification) {
        this.store = store;
        this.verification = verification;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String asGiven = IdentityDomains.required(request, "Identity", "identity");
        String behavior = behavior(request.params().get("BehaviorOnMXFailure"));
        Scope scope = request.scope();
        String identity = IdentityReferences.resolve(scope, asGiven).orElseThrow(() -> doesNotExist(asGiven));
        Optional<String> mailFromDomain = mailFromDomain(request.params().get("MailFromDomain"), identity);
        store.write(tx -> {
            if (tx.identity(scope, identity).isEmpty()) {
                throw doesNotExist(asGiven);
            }
            MailFromSettings current = MailFromSettings.of(tx, scope, identity);
            MailFromSettings next = mailFromDomain
                    .map(d -> d.equals(current.domain()) && current.status() != null
                            // The same domain again keeps its status and clock: nothing in DNS changed.
                            ? new MailFromSettings(d, behavior, current.status(), current.setAt())
                            : new MailFromSettings(d, behavior, verification.initialStatus(), verification.now()))
                    .orElseGet(() -> new MailFromSettings(null, behavior, null, null));
            tx.putIdentityAttribute(scope, identity, MailFromSettings.ATTRIBUTE, next.toJson());
            return null;
        });
    }

    private static String behavior(String raw) {
        if (raw == null) {
            return MailFromSettings.USE_DEFAULT_VALUE;
        }
        if (!raw.equals(MailFromSettings.USE_DEFAULT_VALUE) && !raw.equals(MailFromSettings.REJECT_MESSAGE)) {
            throw IdentityDomains.notInEnum(raw, "behaviorOnMXFailure", "RejectMessage, UseDefaultValue");
        }
        return raw;
    }

    /** The normal form of the MAIL FROM domain, empty to clear it. */
    private static Optional<String> mailFromDomain(String raw, String identity) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        String identityDomain = IdentityDomains.domainOf(identity);
        String domain = IdentityDomains.domain(raw)
                .orElseThrow(() -> SesException.invalidParameter("Invalid MAIL FROM domain: " + raw + "."));
        if (!IdentityDomains.isStrictSubdomain(domain, identityDomain)) {
            throw SesException.invalidParameter("Provided MAIL-FROM domain '" + raw
                    + "' is not subdomain of the domain of the identity '" + identity + "'.");
        }
        return Optional.of(domain);
    }

    private static SesException doesNotExist(String asGiven) {
        return SesException.invalidParameter("Identity '" + asGiven + "' does not exist.");
    }
}
