package io.inlet.config.identity;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Store;

/**
 * VerifyDomainIdentity: adds a domain identity and returns its TXT token. Calling it again for a
 * known domain returns the same token (SES does not document this; a stable token means a
 * repeated Terraform apply or script run does not invalidate the record already in DNS).
 */
final class VerifyDomainIdentity implements ApiOperation {
    private final Store store;
    private final IdentityWriter writer;

    VerifyDomainIdentity(Store store, IdentityWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String raw = Violations.required(request.params(), "Domain", "domain");
        String domain = IdentityNames.domain(raw)
                .orElseThrow(() -> SesException.invalidParameter("Invalid domain name: " + raw + "."));
        IdentityRecord record = store.write(tx -> writer.verify(tx, request.scope(), domain, IdentityRecord.DOMAIN));
        result.element("VerificationToken", record.verificationToken());
    }
}
