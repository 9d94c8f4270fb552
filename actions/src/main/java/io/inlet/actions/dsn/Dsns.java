package io.inlet.actions.dsn;

import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.PluginEnvironment;

import java.io.IOException;

/** Sends RFC 3464 delivery status notifications for received messages through the outbound queue. */
public final class Dsns {

    private Dsns() {
    }

    /**
     * Builds the DSN of SES-RECEIVING Part 2 §3.2 for the recipients of {@code context} and queues it
     * with the null envelope sender to the message's MAIL FROM.
     *
     * @return the outbound queue ID, or null when the message had the null sender (never bounced)
     */
    public static String send(PluginEnvironment environment, ActionContext context, BounceReason reason) throws IOException {
        throw new UnsupportedOperationException("DSNs are being built (issue 4)");
    }
}
