package io.inlet.rules.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The daemon's outbound mail queue (DSNs of the Bounce action, and later SendEmail): a message
 * handed over here is on disk before {@link #enqueue} returns, and is delivered with retries
 * through the smarthost or the recipient domains' MX hosts.
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
}
