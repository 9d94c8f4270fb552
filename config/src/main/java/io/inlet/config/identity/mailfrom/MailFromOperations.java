package io.inlet.config.identity.mailfrom;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.identity.DnsQueries;
import io.inlet.config.identity.IdentitySettings;
import io.inlet.config.store.Store;

import java.time.Clock;
import java.util.Map;

/** The custom MAIL FROM operations (issue 6 item 3), by SES action name. */
public final class MailFromOperations {
    private MailFromOperations() {
    }

    public static Map<String, ApiOperation> operations(Store store, IdentitySettings settings, DnsQueries dns,
                                                       Clock clock) {
        MailFromVerification verification = new MailFromVerification(settings, dns, clock);
        return Map.of(
                "SetIdentityMailFromDomain", new SetIdentityMailFromDomain(store, verification),
                "GetIdentityMailFromDomainAttributes", new GetIdentityMailFromDomainAttributes(store,
                        new MailFromRefresher(store, verification, settings.dnsTimeout())));
    }
}
