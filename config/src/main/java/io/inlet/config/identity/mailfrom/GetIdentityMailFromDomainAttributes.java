package io.inlet.config.identity.mailfrom;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityDomains;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * GetIdentityMailFromDomainAttributes for up to 100 identities; unknown ones are omitted (moto
 * M-MF-02: an empty map). An identity without a MAIL FROM domain has only
 * BehaviorOnMXFailure (UseDefaultValue unless set), as moto's tests expect; with one, also the
 * domain and its status, checked in DNS before answering.
 */
final class GetIdentityMailFromDomainAttributes implements ApiOperation {
    private final Store store;
    private final MailFromRefresher refresher;

    GetIdentityMailFromDomainAttributes(Store store, MailFromRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        Map<String, String> normalByRequested = IdentityDomains.identitiesParameter(request);
        Scope scope = request.scope();
        Map<String, MailFromSettings> known = store.read(tx -> {
            Map<String, MailFromSettings> out = new LinkedHashMap<>();
            for (String normal : new LinkedHashSet<>(normalByRequested.values())) {
                if (tx.identity(scope, normal).isPresent()) {
                    out.put(normal, MailFromSettings.of(tx, scope, normal));
                }
            }
            return out;
        });
        Map<String, MailFromSettings> current = refresher.refresh(scope, known);

        result.start("MailFromDomainAttributes");
        normalByRequested.forEach((asRequested, normal) -> {
            MailFromSettings mailFrom = current.get(normal);
            if (mailFrom != null) {
                result.start("entry").element("key", asRequested).start("value")
                        .element("MailFromDomain", mailFrom.domain())
                        .element("MailFromDomainStatus", mailFrom.domain() == null ? null : mailFrom.status())
                        .element("BehaviorOnMXFailure", mailFrom.behaviorOnMxFailure())
                        .end().end();
            }
        });
        result.end();
    }
}
