package io.inlet.config.identity.dkim;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.identity.DnsQueries;
import io.inlet.config.identity.IdentitySettings;
import io.inlet.config.store.Store;

import java.time.Clock;
import java.util.Map;

/** The Easy DKIM operations (issue 6 item 1), by SES action name. */
public final class DkimOperations {
    private DkimOperations() {
    }

    public static Map<String, ApiOperation> operations(Store store, IdentitySettings settings, DnsQueries dns,
                                                       Clock clock, DomainIdentities identities) {
        DkimVerification verification = new DkimVerification(settings, dns, clock);
        // A read waits for DNS at most about one lookup timeout, as the verification reads do.
        DkimRefresher refresher = new DkimRefresher(store, verification, settings.dnsTimeout());
        return Map.of(
                "VerifyDomainDkim", new VerifyDomainDkim(store, identities, verification),
                "SetIdentityDkimEnabled", new SetIdentityDkimEnabled(store),
                "GetIdentityDkimAttributes", new GetIdentityDkimAttributes(store, refresher));
    }
}
