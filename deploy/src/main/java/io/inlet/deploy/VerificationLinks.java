package io.inlet.deploy;

import io.inlet.config.identity.EmailVerification;
import io.inlet.config.store.Store;
import io.inlet.deploy.settings.SettingKeys;
import io.inlet.deploy.settings.Settings;
import io.inlet.rules.spi.OutboundMail;

import java.time.Clock;
import java.util.function.IntSupplier;

/**
 * Builds the address verification mail from {@code identities.verification-sender} (default
 * {@code no-reply@<smtp hostname>}) and {@code api.public-url} (default
 * {@code http://<api.host>:<api.port>}, with the port the API really listens on).
 */
final class VerificationLinks {
    private VerificationLinks() {
    }

    static EmailVerification create(Settings settings, Store store, OutboundMail outbound, String smtpHostname,
                                    IntSupplier apiPort, Clock clock) {
        String configuredSender = settings.get(SettingKeys.IDENTITIES_VERIFICATION_SENDER);
        String sender = configuredSender.isEmpty() ? "no-reply@" + smtpHostname : configuredSender;
        String publicUrl = settings.get(SettingKeys.API_PUBLIC_URL);
        String host = settings.get(SettingKeys.API_HOST);
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new EmailVerification(store, outbound, sender,
                () -> publicUrl.isEmpty() ? "http://" + hostPart + ":" + apiPort.getAsInt() : publicUrl, clock);
    }
}
