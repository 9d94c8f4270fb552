package io.inlet.actions.workmail;

import io.inlet.rules.spi.MessageContent;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Hands one message to a mailbox store for some recipients and says, per recipient, how it went. */
interface MailboxTransport {

    /**
     * @param mailFrom   the envelope sender; empty for the null sender {@code <>}
     * @param recipients at least one
     * @return one reply per recipient, in the order given: 2xx delivered, 5xx refused for good,
     *         anything else temporary
     * @throws IOException when the store could not be reached at all (nothing was delivered)
     */
    Map<String, Reply> deliver(String mailFrom, List<String> recipients, MessageContent message) throws IOException;
}
