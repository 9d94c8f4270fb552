package io.inlet.engine.inspect;

import io.inlet.engine.message.Envelope;
import io.inlet.engine.spool.DeadLetter;
import io.inlet.engine.spool.SpoolState;

import java.time.Instant;
import java.util.List;

/**
 * Everything Inlet knows about one message, short of its bytes.
 *
 * @param snapshotVersion the configuration version the SMTP session decided with
 * @param plans           per account: the rules that applied and their actions, with each action's status
 * @param deadLetter      why and when it was dead-lettered; null unless it is dead-lettered now
 */
public record MessageDetail(String messageId, SpoolState state, long size, Instant receivedAt, long snapshotVersion,
                            Envelope envelope, List<TenantView> plans, ProcessingView processing,
                            DeadLetter deadLetter) {
    public MessageDetail {
        plans = List.copyOf(plans);
    }
}
