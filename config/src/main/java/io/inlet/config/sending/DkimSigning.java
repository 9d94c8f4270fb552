package io.inlet.config.sending;

import io.inlet.config.identity.dkim.DkimKey;
import io.inlet.config.identity.dkim.DkimSettings;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import org.apache.james.jdkim.DKIMSigner;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Easy DKIM signing of sent mail with jDKIM, as {@link DkimSettings} describes it: a message whose
 * From address is DKIM-enabled (the address's own DkimEnabled when set, else its domain's) and
 * whose domain's keys are verified gets a relaxed/relaxed rsa-sha256 DKIM-Signature with
 * {@code d=<domain>} and the first token as selector. Anything else goes unsigned.
 */
final class DkimSigning {
    /** The fields SES signs, plus those SendEmail writes; absent ones are signed as absent (RFC 6376 §5.4). */
    private static final String SIGNED_HEADERS =
            "from:to:cc:reply-to:subject:date:message-id:mime-version:content-type:content-transfer-encoding";

    private final Store store;

    DkimSigning(Store store) {
        this.store = store;
    }

    byte[] sign(Scope scope, String fromAddress, byte[] message) {
        String domain = fromAddress.substring(fromAddress.indexOf('@') + 1);
        Optional<DkimKey> key = store.read(tx -> {
            Optional<DkimSettings> own = DkimSettings.of(tx, scope, fromAddress);
            Optional<DkimSettings> ofDomain = DkimSettings.of(tx, scope, domain);
            boolean enabled = own.map(DkimSettings::enabled)
                    .orElseGet(() -> ofDomain.map(DkimSettings::enabledOrDefault).orElse(false));
            return enabled && ofDomain.isPresent() && ofDomain.get().isVerified()
                    ? Optional.of(ofDomain.get().keys().get(0)) : Optional.<DkimKey>empty();
        });
        if (key.isEmpty()) {
            return message;
        }
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + key.get().token()
                + "; h=" + SIGNED_HEADERS + "; bh=; b=;";
        try {
            String field = new DKIMSigner(template, key.get().privateKey()).sign(new ByteArrayInputStream(message));
            // jDKIM returns one long line; folding between tags is safe: relaxed header
            // canonicalization (c=relaxed/...) unfolds before hashing.
            byte[] header = (field.replace("; ", ";\r\n\t") + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] signed = new byte[header.length + message.length];
            System.arraycopy(header, 0, signed, 0, header.length);
            System.arraycopy(message, 0, signed, header.length, message.length);
            return signed;
        } catch (Exception e) {
            throw new IllegalStateException("DKIM signing failed for " + domain, e);
        }
    }
}
