package io.inlet.config.identity.dkim;

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
 * SetIdentityDkimEnabled. An unknown identity is the AWS-validated MessageRejected the other
 * identity setters give (peers.md G-NT-06). Enabling needs Easy DKIM set up on the domain (the
 * identity's, or an address's domain: "you can only enable Easy DKIM signing if the
 * corresponding domain has been set up for Easy DKIM"); SES's text for that was not captured,
 * so the InvalidParameterValue message is Inlet's. Disabling is always accepted.
 */
final class SetIdentityDkimEnabled implements ApiOperation {
    private final Store store;

    SetIdentityDkimEnabled(Store store) {
        this.store = store;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String asGiven = IdentityDomains.required(request, "Identity", "identity");
        boolean enabled = xsdBoolean(IdentityDomains.required(request, "DkimEnabled", "dkimEnabled"));
        Scope scope = request.scope();
        String identity = IdentityReferences.resolve(scope, asGiven)
                .orElseThrow(() -> IdentityReferences.notVerified(asGiven));
        String domain = IdentityDomains.domainOf(identity);
        store.write(tx -> {
            if (tx.identity(scope, identity).isEmpty()) {
                throw IdentityReferences.notVerified(asGiven);
            }
            boolean domainSetUp = DkimSettings.of(tx, scope, domain).filter(DkimSettings::isSetUp).isPresent();
            if (enabled && !domainSetUp) {
                throw SesException.invalidParameter("Easy DKIM is not set up for domain " + domain
                        + ". Call VerifyDomainDkim for " + domain + " first.");
            }
            Optional<DkimSettings> current = DkimSettings.of(tx, scope, identity);
            DkimSettings next = current.map(c -> c.withEnabled(enabled))
                    .orElseGet(() -> new DkimSettings(enabled, null, null, null));
            tx.putIdentityAttribute(scope, identity, DkimSettings.ATTRIBUTE, next.toJson());
            return null;
        });
    }

    /** xsd:boolean, with the MalformedInput texts SES gives for the receipt booleans. */
    private static boolean xsdBoolean(String raw) {
        return switch (raw) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            case "" -> throw SesException.sender("MalformedInput", "missing value for boolean type");
            default -> throw SesException.sender("MalformedInput", "boolean must follow xsd1.1 definition");
        };
    }
}
