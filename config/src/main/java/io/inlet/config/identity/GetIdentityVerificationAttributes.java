package io.inlet.config.identity;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * GetIdentityVerificationAttributes: status (and, for domains, the token) of up to 100
 * identities. Unknown identities are omitted from the map (SES-RECEIVING.md Part 1); a
 * malformed one is an error, in the text SES was seen to use. Map keys are spelled as requested,
 * so a caller can look its own string up; Pending domains are checked before answering.
 */
final class GetIdentityVerificationAttributes implements ApiOperation {
    static final int MAX_IDENTITIES = 100;

    private final Store store;
    private final StatusRefresher refresher;

    GetIdentityVerificationAttributes(Store store, StatusRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        Map<String, String> normalByRequested = new LinkedHashMap<>();
        for (String identity : IdentityDomains.requestedIdentities(request)) {
            String normal = IdentityNames.identity(identity).orElseThrow(() -> SesException.invalidParameter(
                    "Identity \"" + identity + "\" is invalid. Must be a verified email address or domain."));
            normalByRequested.put(identity, normal);
        }
        List<IdentityRecord> known = store.read(tx -> {
            List<IdentityRecord> out = new ArrayList<>();
            for (String normal : new LinkedHashSet<>(normalByRequested.values())) {
                tx.identity(request.scope(), normal).ifPresent(out::add);
            }
            return out;
        });
        Map<String, IdentityRecord> current = refresher.refresh(request.scope(), known);

        result.start("VerificationAttributes");
        normalByRequested.forEach((asRequested, normal) -> {
            IdentityRecord r = current.get(normal);
            if (r != null) {
                result.start("entry").element("key", asRequested).start("value")
                        .element("VerificationStatus", r.status())
                        .element("VerificationToken", r.isDomain() ? r.verificationToken() : null)
                        .end().end();
            }
        });
        result.end();
    }
}
