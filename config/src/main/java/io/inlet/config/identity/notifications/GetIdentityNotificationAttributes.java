package io.inlet.config.identity.notifications;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityReferences;
import io.inlet.config.store.Store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GetIdentityNotificationAttributes: the settings of up to 100 identities given by name or ARN,
 * keyed as requested. As GetIdentityVerificationAttributes does, unknown identities (and ARNs of
 * other accounts or regions) are left out and a malformed one is an error. The topics appear once
 * set (SES; moto never writes them, G-NT-05); the booleans always.
 */
final class GetIdentityNotificationAttributes implements ApiOperation {
    static final int MAX_IDENTITIES = 100;

    private final Store store;

    GetIdentityNotificationAttributes(Store store) {
        this.store = store;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        List<String> requested = request.params().list("Identities");
        if (requested == null) {
            throw IdentityReferences.missing("identities");
        }
        if (requested.size() > MAX_IDENTITIES) {
            IdentityReferences.throwIfAny(List.of("Value at 'identities' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_IDENTITIES));
        }
        Map<String, Optional<String>> normalByRequested = new LinkedHashMap<>();
        for (String identity : requested) {
            normalByRequested.put(identity, IdentityReferences.resolve(request.scope(), identity));
        }
        Map<String, NotificationSettings> found = store.read(tx -> {
            Map<String, NotificationSettings> out = new LinkedHashMap<>();
            normalByRequested.forEach((asRequested, normal) -> {
                if (normal.isPresent() && tx.identity(request.scope(), normal.get()).isPresent()) {
                    out.put(asRequested, NotificationSettings.of(tx, request.scope(), normal.get()));
                }
            });
            return out;
        });

        result.start("NotificationAttributes");
        found.forEach((identity, settings) -> {
            result.start("entry").element("key", identity).start("value")
                    .element("BounceTopic", settings.bounceTopic())
                    .element("ComplaintTopic", settings.complaintTopic())
                    .element("DeliveryTopic", settings.deliveryTopic())
                    .element("ForwardingEnabled", settings.forwardingEnabled())
                    .element("HeadersInBounceNotificationsEnabled", settings.headersInBounce())
                    .element("HeadersInComplaintNotificationsEnabled", settings.headersInComplaint())
                    .element("HeadersInDeliveryNotificationsEnabled", settings.headersInDelivery())
                    .end().end();
        });
        result.end();
    }
}
