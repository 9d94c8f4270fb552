package io.inlet.config.identity.dkim;

import io.inlet.config.identity.IdentityStatus;
import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityDomains;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import io.inlet.config.store.StoreTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VerifyDomainDkim: adds the domain as an identity if needed, sets Easy DKIM up with three
 * tokens, each with its own RSA-2048 key, and returns the tokens. Calling it again returns the
 * same tokens (their records may already be in DNS), restarting the 72 hours only after Failed.
 */
final class VerifyDomainDkim implements ApiOperation {
    private final Store store;
    private final DomainIdentities identities;
    private final DkimVerification verification;

    VerifyDomainDkim(Store store, DomainIdentities identities, DkimVerification verification) {
        this.store = store;
        this.identities = identities;
        this.verification = verification;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String raw = IdentityDomains.required(request, "Domain", "domain");
        String domain = IdentityDomains.domain(raw)
                .orElseThrow(() -> SesException.invalidParameter("Invalid domain name: " + raw + "."));
        Scope scope = request.scope();
        // Key generation takes a while: do it before the write, and only when there are no keys yet.
        boolean setUp = store.read(tx -> DkimSettings.of(tx, scope, domain).filter(DkimSettings::isSetUp).isPresent());
        List<DkimKey> fresh = setUp ? null : newKeys();
        DkimSettings dkim = store.write(tx -> {
            identities.verify(tx, scope, domain);
            return setUpOrKeep(tx, scope, domain, fresh);
        });
        List<String> tokens = dkim.keys().stream().map(DkimKey::token).toList();
        result.list("DkimTokens", tokens);
    }

    private DkimSettings setUpOrKeep(StoreTransaction tx, Scope scope, String domain, List<DkimKey> fresh) {
        Optional<DkimSettings> current = DkimSettings.of(tx, scope, domain);
        DkimSettings next;
        if (current.isPresent() && current.get().isSetUp()) {
            if (!IdentityStatus.FAILED.equals(current.get().status())) {
                return current.get();
            }
            // "Restart required" after Failed, as for domain verification: same keys, fresh 72 hours.
            next = new DkimSettings(current.get().enabled(), verification.initialStatus(), verification.now(),
                    current.get().keys());
        } else {
            // An enabled flag set before (only "false" is possible without keys) is kept.
            Boolean enabled = current.map(DkimSettings::enabled).orElse(null);
            next = new DkimSettings(enabled, verification.initialStatus(), verification.now(),
                    fresh != null ? fresh : newKeys()); // keys deleted since our read: rare, generate here
        }
        tx.putIdentityAttribute(scope, domain, DkimSettings.ATTRIBUTE, next.toJson());
        return next;
    }

    private static List<DkimKey> newKeys() {
        List<DkimKey> keys = new ArrayList<>(DkimSettings.KEYS);
        for (int i = 0; i < DkimSettings.KEYS; i++) {
            keys.add(DkimKey.generate());
        }
        return keys;
    }
}
