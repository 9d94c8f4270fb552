package io.inlet.actions.dsn;

import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.OutboundMail;
import io.inlet.rules.spi.PermanentFailureException;
import io.inlet.rules.spi.PluginEnvironment;
import org.apache.james.mime4j.dom.field.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Sends RFC 3464 delivery status notifications for received messages through the outbound queue. */
public final class Dsns {

    private static final Logger LOG = LoggerFactory.getLogger(Dsns.class);

    private Dsns() {
    }

    /**
     * Builds the DSN of SES-RECEIVING Part 2 §3.2 for the recipients of {@code context} and queues it
     * with the null envelope sender to the message's MAIL FROM.
     *
     * <p>Only the original's header block goes into the DSN (SES returns headers, not the body), read
     * up to {@link OriginalHeaders#MAX_BYTES}: the DSN stays small whatever the message's size, so
     * it is built in memory.
     *
     * @return the outbound queue ID, or null when the message had the null sender (never bounced)
     * @throws PermanentFailureException when the daemon has no outbound queue, or the MAIL FROM or
     *                                   the sender cannot be written as an address
     */
    public static String send(PluginEnvironment environment, ActionContext context, BounceReason reason) throws IOException {
        if (context.mailFrom().isEmpty()) {
            LOG.info("message {}: no DSN for {} {} because its sender is null (a bounce is never bounced)",
                    context.messageId(), reason.smtpReplyCode(), reason.effectiveStatusCode());
            return null;
        }
        OutboundMail outbound = outboundOf(environment);
        byte[] headers;
        try (InputStream in = context.message().open()) {
            headers = OriginalHeaders.read(in, OriginalHeaders.MAX_BYTES);
        }
        ByteArrayOutputStream dsn = new ByteArrayOutputStream(headers.length + 2048);
        try {
            DsnMessage.write(environment.hostname(), environment.clock().instant(), context, reason, headers, dsn);
        } catch (ParseException e) {
            throw new PermanentFailureException("message " + context.messageId() + ": cannot address a DSN from "
                    + reason.sender() + " to " + context.mailFrom(), e);
        }
        String queueId = outbound.enqueue("", List.of(context.mailFrom()), new ByteArrayInputStream(dsn.toByteArray()));
        LOG.info("message {}: DSN {} {} to {} queued as {}", context.messageId(), reason.smtpReplyCode(),
                reason.effectiveStatusCode(), context.mailFrom(), queueId);
        return queueId;
    }

    private static OutboundMail outboundOf(PluginEnvironment environment) {
        try {
            return environment.outbound();
        } catch (UnsupportedOperationException e) {
            throw new PermanentFailureException("this daemon has no outbound mail queue: the DSN cannot be sent", e);
        }
    }
}
