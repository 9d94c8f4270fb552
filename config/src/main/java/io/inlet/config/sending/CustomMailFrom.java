package io.inlet.config.sending;

import io.inlet.config.api.SesException;
import io.inlet.config.identity.IdentityStatus;
import io.inlet.config.identity.mailfrom.MailFromSettings;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import io.inlet.config.store.StoreTransaction;

/**
 * The envelope sender of a sent message. With a custom MAIL FROM domain (SetIdentityMailFromDomain)
 * whose MX check succeeded it is {@code <MessageId>@<mail-from-domain>}, as SES's own bounce
 * addresses are (the message ID lets a bounce be matched to its message). Otherwise it is the
 * default (ReturnPath or Source), unless BehaviorOnMXFailure is RejectMessage: then the message
 * is refused with MailFromDomainNotVerifiedException. The setting of the Source address identity
 * wins over its domain's, as in SES.
 */
final class CustomMailFrom {

    private final Store store;

    CustomMailFrom(Store store) {
        this.store = store;
    }

    String envelopeSender(Scope scope, String sourceAddress, String defaultSender, String messageId) {
        MailFromSettings settings = store.read(tx -> settingsFor(tx, scope, sourceAddress));
        if (settings.domain() == null) {
            return defaultSender;
        }
        if (IdentityStatus.SUCCESS.equals(settings.status())) {
            return messageId + "@" + settings.domain();
        }
        if (MailFromSettings.REJECT_MESSAGE.equals(settings.behaviorOnMxFailure())) {
            // The modeled code keeps its Exception suffix (SES-RECEIVING.md §6.4).
            throw SesException.sender("MailFromDomainNotVerifiedException", "The message could not be sent because"
                    + " the MX record required to use the MAIL FROM domain " + settings.domain() + " could not be read.");
        }
        return defaultSender;
    }

    private static MailFromSettings settingsFor(StoreTransaction tx, Scope scope, String address) {
        MailFromSettings own = MailFromSettings.of(tx, scope, address);
        if (own.domain() != null) {
            return own;
        }
        return MailFromSettings.of(tx, scope, address.substring(address.indexOf('@') + 1));
    }
}
