package io.inlet.config.identity.dkim;

import io.inlet.config.identity.IdentityStatus;
import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityDomains;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/**
 * GetIdentityDkimAttributes for up to 100 identities; unknown ones are omitted (SES-RECEIVING
 * Part 1, as GetIdentityVerificationAttributes). A domain never set up is DkimEnabled=false,
 * NotStarted, no tokens. An address reports its domain's verification status and no tokens
 * (IdentityDkimAttributes: tokens "only apply to domain identities"); its DkimEnabled is its own
 * when set, else its domain's (a domain's signing covers "all email sent by addresses under that
 * domain name"). Pending domains are checked in DNS before answering.
 */
final class GetIdentityDkimAttributes implements ApiOperation {
    private final Store store;
    private final DkimRefresher refresher;

    GetIdentityDkimAttributes(Store store, DkimRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    /** What the store holds for one requested identity. */
    private record Stored(IdentityRecord identity, Optional<DkimSettings> own) {
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        Map<String, String> normalByRequested = IdentityDomains.identitiesParameter(request);
        Scope scope = request.scope();
        Map<String, Stored> known = new HashMap<>();
        Map<String, DkimSettings> domains = new LinkedHashMap<>();
        store.read(tx -> {
            for (String normal : new LinkedHashSet<>(normalByRequested.values())) {
                tx.identity(scope, normal).ifPresent(r -> {
                    known.put(normal, new Stored(r, DkimSettings.of(tx, scope, normal)));
                    String domain = IdentityDomains.domainOf(normal);
                    DkimSettings.of(tx, scope, domain).ifPresent(d -> domains.put(domain, d));
                });
            }
            return null;
        });
        Map<String, DkimSettings> current = refresher.refresh(scope, domains);

        result.start("DkimAttributes");
        normalByRequested.forEach((asRequested, normal) -> {
            Stored stored = known.get(normal);
            if (stored != null) {
                writeEntry(result, asRequested, stored, current);
            }
        });
        result.end();
    }

    private static void writeEntry(XmlWriter out, String key, Stored stored, Map<String, DkimSettings> current) {
        String identity = stored.identity().identity();
        Optional<DkimSettings> domain = Optional.ofNullable(current.get(IdentityDomains.domainOf(identity)))
                .filter(DkimSettings::isSetUp);
        boolean enabled;
        if (stored.identity().isDomain()) {
            enabled = domain.map(DkimSettings::enabledOrDefault).orElse(false);
        } else {
            enabled = stored.own().map(DkimSettings::enabled)
                    .orElseGet(() -> domain.map(DkimSettings::enabledOrDefault).orElse(false));
        }
        out.start("entry").element("key", key).start("value")
                .element("DkimEnabled", enabled)
                .element("DkimVerificationStatus", domain.map(DkimSettings::status).orElse(IdentityStatus.NOT_STARTED));
        if (stored.identity().isDomain() && domain.isPresent()) {
            out.list("DkimTokens", domain.get().keys().stream().map(DkimKey::token).toList());
        }
        out.end().end();
    }
}
