package io.inlet.engine.outbound;

import java.time.Instant;
import java.util.List;

/** What the inspection API shows of one outbound entry. */
public record OutboundEntry(String id, OutboundState state, String mailFrom, List<RecipientState> recipients,
                            int attempts, Instant nextAttempt, String lastReply, long size, Instant queuedAt) {

    static OutboundEntry of(OutboundState state, OutboundEnvelope envelope) {
        return new OutboundEntry(envelope.id(), state, envelope.mailFrom(), envelope.recipients(),
                envelope.attempts(), envelope.nextAttempt(), envelope.lastReply(), envelope.size(),
                envelope.queuedAt());
    }
}
