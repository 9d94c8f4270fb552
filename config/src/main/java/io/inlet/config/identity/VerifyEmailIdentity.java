package io.inlet.config.identity;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Store;

/**
 * VerifyEmailIdentity, and the deprecated VerifyEmailAddress (same input, no Result element):
 * adds an address identity; idempotent. The error text is SES's own ("Invalid email address<X>.",
 * seen in Terraform error output). In dns mode every call on a Pending address (re)sends the
 * confirmation message ({@link EmailVerification}); the 24-hour window starts with the first call.
 */
final class VerifyEmailIdentity implements ApiOperation {
    private final Store store;
    private final IdentityWriter writer;
    private final EmailVerification mail;

    VerifyEmailIdentity(Store store, IdentityWriter writer, EmailVerification mail) {
        this.store = store;
        this.writer = writer;
        this.mail = mail;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String raw = Violations.required(request.params(), "EmailAddress", "emailAddress");
        String address = IdentityNames.emailAddress(raw)
                .orElseThrow(() -> SesException.invalidParameter("Invalid email address<" + raw + ">."));
        IdentityRecord record = store.write(tx -> writer.verify(tx, request.scope(), address, IdentityRecord.EMAIL_ADDRESS));
        // After the commit: the link must find the record.
        if (mail != null && IdentityStatus.PENDING.equals(record.status()) && record.verificationToken() != null) {
            mail.send(request.scope(), record);
        }
    }
}
