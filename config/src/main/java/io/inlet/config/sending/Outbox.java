package io.inlet.config.sending;

import io.inlet.config.api.SesException;
import io.inlet.config.store.Scope;
import io.inlet.rules.spi.OutboundMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The last step of SendEmail and SendRawEmail: charge the quota, then hand the message to the
 * daemon's outbound queue, which has it on disk before this returns and delivers it with retries.
 */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final OutboundMail outbound;
    private final SendQuota quota;

    Outbox(OutboundMail outbound, SendQuota quota) {
        this.outbound = outbound;
        this.quota = quota;
    }

    /** An SES-shaped message ID ({@code 0000014a...-uuid-000000}); SendEmail also puts it in Message-ID. */
    static String newMessageId(long epochMillis) {
        return String.format("%016x-%s-000000", epochMillis, UUID.randomUUID());
    }

    /** Queues the message to {@code recipients} after charging {@code counted} recipients to the quota. */
    void send(Scope scope, String mailFrom, List<String> recipients, int counted, byte[] message) {
        send(scope, mailFrom, recipients, counted, message, Map.of());
    }

    /**
     * As {@link #send(Scope, String, List, int, byte[])}, with outbound tags that bring each
     * recipient's outcome back to {@link SendingNotifications}.
     */
    void send(Scope scope, String mailFrom, List<String> recipients, int counted, byte[] message,
              Map<String, String> tags) {
        SendQuota.Charge charge = quota.charge(scope, counted);
        try {
            String queueId = outbound.enqueue(mailFrom, recipients, new ByteArrayInputStream(message), tags);
            log.debug("queued outbound {} from <{}> to {} recipient(s)", queueId, mailFrom, recipients.size());
        } catch (IOException | RuntimeException e) {
            // Not queued: the recipients were not sent, so they do not count against the quota.
            quota.refund(charge);
            log.warn("cannot queue an outbound message from <{}>", mailFrom, e);
            throw new SesException(500, "Receiver", "InternalFailure", "The message could not be queued for delivery.");
        }
    }
}
