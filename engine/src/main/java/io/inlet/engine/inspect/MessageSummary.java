package io.inlet.engine.inspect;

import io.inlet.engine.spool.SpoolState;

import java.time.Instant;
import java.util.List;

/** One line of a message listing. {@code mailFrom} is empty for the null sender. */
public record MessageSummary(String messageId, SpoolState state, Instant receivedAt, String mailFrom,
                             List<String> recipients, long size) {
    public MessageSummary {
        recipients = List.copyOf(recipients);
    }
}
