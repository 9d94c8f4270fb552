package io.inlet.config.sending;

import io.inlet.config.api.SesException;
import io.inlet.config.store.Scope;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What SendEmail and SendRawEmail share once their message is built and validated: the identity
 * check (a refusal is counted under Rejects), then the quota and the outbound queue.
 */
final class Sending {
    private final SendingAuthorization authorization;
    private final SendStatistics statistics;
    private final CustomMailFrom mailFrom;
    private final DkimSigning dkim;
    private final Outbox outbox;

    Sending(SendingAuthorization authorization, SendStatistics statistics, CustomMailFrom mailFrom, DkimSigning dkim,
            Outbox outbox) {
        this.authorization = authorization;
        this.statistics = statistics;
        this.mailFrom = mailFrom;
        this.dkim = dkim;
        this.outbox = outbox;
    }

    Instant now() {
        return statistics.now();
    }

    /** One message ready to go: who it is from and to, and its bytes before signing. */
    record Outgoing(String messageId, List<SendingAuthorization.Use> uses, String defaultSender, MailAddress from,
                    List<MailAddress> recipients, byte[] message) {
    }

    /**
     * SendBounce: the DSN {@code message} from {@code from} (checked like a Source) to the original
     * sender, with the null envelope sender as every DSN must have; counted as one recipient.
     */
    void sendBounce(Scope scope, SendingAuthorization.Use from, String recipient, byte[] message) {
        Scope identityScope = authorize(scope, "ses:SendBounce", List.of(from), List.of(recipient));
        byte[] signed = dkim.sign(identityScope, from.address().address(), message);
        outbox.send(scope, "", List.of(recipient), 1, signed);
    }

    private Scope authorize(Scope scope, String action, List<SendingAuthorization.Use> uses, List<String> addresses) {
        try {
            return authorization.check(scope, action, uses, addresses);
        } catch (SesException e) {
            if ("MessageRejected".equals(e.code())) {
                statistics.recordReject(scope);
            }
            throw e;
        }
    }

    void send(Scope scope, String action, Outgoing m) {
        List<String> addresses = m.recipients().stream().map(MailAddress::address).toList();
        Scope identityScope = authorize(scope, action, m.uses(), addresses);
        String source = m.uses().get(0).address().address();
        String envelopeSender = mailFrom.envelopeSender(identityScope, source, m.defaultSender(), m.messageId());
        byte[] signed = dkim.sign(identityScope, m.from().address(), m.message());
        // Every recipient counts against the quota; a duplicate gets the message once.
        List<String> envelope = List.copyOf(new LinkedHashSet<>(addresses));
        Map<String, String> tags = SendingNotifications.tags(scope, identityScope, m.messageId(), source,
                m.uses().get(0).identityArn(), envelopeSender, envelope, now(), m.message());
        outbox.send(scope, envelopeSender, envelope, m.recipients().size(), signed, tags);
    }
}
