package io.inlet.engine.message;

import java.util.List;

/**
 * The metadata record spooled with every accepted message: everything processing needs, so that
 * it never depends on the configuration as it is later (the rules are captured at acceptance).
 *
 * @param messageId       the SES message ID, 40 characters of base32hex
 * @param snapshotVersion the configuration version the session decided with
 * @param size            the size in bytes of the message as received
 */
public record AcceptedMessage(String messageId, Envelope envelope, long snapshotVersion,
                              List<TenantPlan> plans, long size) {
    public AcceptedMessage {
        plans = List.copyOf(plans);
    }
}
