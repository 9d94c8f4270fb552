package io.inlet.config.identity;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Store;

import java.util.ArrayList;
import java.util.List;

/**
 * ListVerifiedEmailAddresses (deprecated): the address identities whose status is Success, in
 * creation order, unpaged. The name and the reference ("addresses that have been verified") say
 * verified, so Pending and Failed addresses are left out (in auto mode every address is Success).
 */
final class ListVerifiedEmailAddresses implements ApiOperation {
    private final Store store;
    private final StatusRefresher refresher;

    ListVerifiedEmailAddresses(Store store, StatusRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        List<IdentityRecord> addresses = store.read(tx -> tx.identities(request.scope()).stream()
                .filter(r -> IdentityRecord.EMAIL_ADDRESS.equals(r.type()))
                .toList());
        List<String> verified = new ArrayList<>();
        for (IdentityRecord r : refresher.refresh(request.scope(), addresses).values()) {
            if (IdentityStatus.SUCCESS.equals(r.status())) {
                verified.add(r.identity());
            }
        }
        Xml.list(result, "VerifiedEmailAddresses", verified);
    }
}
