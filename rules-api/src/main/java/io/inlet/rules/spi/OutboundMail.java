package io.inlet.rules.spi;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The daemon's outbound mail queue (DSNs of the Bounce action, and later SendEmail): a message
 * handed over here is on disk before {@link #enqueue} returns, and is delivered with retries
 * through the smarthost or the recipient domains' MX hosts.
 *
 * <p>A message may carry <em>tags</em> (small string pairs, e.g. the SES message ID of a sent
 * message): they are stored durably with the queue entry and handed to {@link DeliveryListener}s
 * with every recipient's final outcome. Both are optional additions; an implementation without
 * them drops the tags.
 */
public interface OutboundMail {

    /**
     * Queues one message for delivery.
     *
     * @param mailFrom   the envelope sender; the empty string sends with the null sender {@code <>}
     *                   (every DSN must)
     * @param recipients envelope recipients, at least one
     * @param message    the complete RFC 5322 message with CRLF line ends; read to its end here
     * @return the outbound queue ID
     */
    String enqueue(String mailFrom, List<String> recipients, InputStream message) throws IOException;

    /**
     * Queues one message with tags that come back to the {@link DeliveryListener}s with each
     * recipient's final outcome. The default drops the tags.
     */
    default String enqueue(String mailFrom, List<String> recipients, InputStream message, Map<String, String> tags)
            throws IOException {
        return enqueue(mailFrom, recipients, message);
    }

    /**
     * Told about each recipient's final outcome of a tagged message: delivered, or failed for good
     * (a permanent reply, or retries given up). Called from a delivery worker after the outcome is
     * on disk; it should be quick and must not throw (exceptions are logged and dropped). Not called
     * for untagged messages.
     */
    @FunctionalInterface
    interface DeliveryListener {
        /**
         * @param queueId   the outbound queue ID
         * @param tags      the tags given to {@code enqueue}
         * @param recipient the envelope recipient
         * @param delivered true when the receiving server accepted it
         * @param reply     the last SMTP reply (or the queue's explanation, e.g. expiry)
         * @param host      the host that gave the reply, {@code name[ip]:port}, or empty
         * @param at        when the outcome was reached
         */
        void onOutcome(String queueId, Map<String, String> tags, String recipient, boolean delivered, String reply,
                       String host, Instant at);
    }
}
