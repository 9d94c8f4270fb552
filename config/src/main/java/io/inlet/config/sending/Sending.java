package io.inlet.config.sending;

import io.inlet.config.api.SesException;
import io.inlet.config.store.Scope;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

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

    void send(Scope scope, String action, Outgoing m) {
        List<String> addresses = m.recipients().stream().map(MailAddress::address).toList();
        Scope identityScope;
        try {
            identityScope = authorization.check(scope, action, m.uses(), addresses);
        } catch (SesException e) {
            if ("MessageRejected".equals(e.code())) {
                statistics.recordReject(scope);
            }
            throw e;
        }
        String source = m.uses().get(0).address().address();
        String envelopeSender = mailFrom.envelopeSender(identityScope, source, m.defaultSender(), m.messageId());
        byte[] signed = dkim.sign(identityScope, m.from().address(), m.message());
        // Every recipient counts against the quota; a duplicate gets the message once.
        List<String> envelope = List.copyOf(new LinkedHashSet<>(addresses));
        outbox.send(scope, envelopeSender, envelope, m.recipients().size(), signed);
    }
}
