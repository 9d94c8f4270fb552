package io.inlet.config.sending;

import io.inlet.config.store.Scope;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The mail the daemon received, as SendBounce needs it (the config module cannot see the
 * engine's spool; the daemon implements this over it). Only messages the spool still keeps
 * (queued, processed and kept, dead-lettered) are found.
 */
public interface ReceivedMessages {

    /** No received mail at all: every message ID is unknown (the default when no spool is wired). */
    ReceivedMessages NONE = messageId -> Optional.empty();

    /** The message the daemon received with this SES message ID; empty when unknown or no longer kept. */
    Optional<Received> find(String messageId);

    /**
     * One received message.
     *
     * @param receivedAt  when the daemon accepted it
     * @param mailFrom    the envelope sender; empty for the null sender
     * @param recipients  the envelope recipients it accepted
     * @param receivedBy  the host name of the receiving MTA (the default Reporting-MTA); may be null
     * @param headersText the header section as received, without the blank line that ends it
     * @param tenants     the accounts and regions whose receipt rules it matched
     */
    record Received(Instant receivedAt, String mailFrom, List<String> recipients, String receivedBy,
                    String headersText, List<Scope> tenants) {
        public Received {
            recipients = List.copyOf(recipients);
            tenants = List.copyOf(tenants);
        }
    }
}
