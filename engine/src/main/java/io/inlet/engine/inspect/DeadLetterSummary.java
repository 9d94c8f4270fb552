package io.inlet.engine.inspect;

import java.time.Instant;
import java.util.List;

/** A dead-lettered message: what it was, why processing gave up, and when. */
public record DeadLetterSummary(String messageId, Instant receivedAt, String mailFrom, List<String> recipients,
                                long size, String reason, Instant deadAt) {
    public DeadLetterSummary {
        recipients = List.copyOf(recipients);
    }
}
