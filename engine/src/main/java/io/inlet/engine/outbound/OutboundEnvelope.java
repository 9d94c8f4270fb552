package io.inlet.engine.outbound;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The envelope file of an outbound entry ({@code <state>/<id>.json}).
 *
 * @param mailFrom    the envelope sender; empty = the null sender {@code <>}
 * @param queuedAt    when it was enqueued
 * @param retryFrom   where the max age is counted from: {@code queuedAt}, or the last replay
 * @param size        message bytes
 * @param attempts    delivery attempts since {@code retryFrom}
 * @param nextAttempt when the next attempt is due (deferred entries)
 * @param lastReply   the last attempt's reply worth showing (the first non-success one), or empty
 * @param revision    increases with every write; the newer copy wins if a crash left two
 * @param tags        the enqueuer's tags, handed to the delivery listeners (empty when none; absent
 *                    in envelopes written before tags existed)
 */
public record OutboundEnvelope(String id, String mailFrom, Instant queuedAt, Instant retryFrom, long size,
                               int attempts, Instant nextAttempt, String lastReply, long revision,
                               List<RecipientState> recipients, Map<String, String> tags) {

    public OutboundEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mailFrom, "mailFrom");
        Objects.requireNonNull(queuedAt, "queuedAt");
        retryFrom = retryFrom == null ? queuedAt : retryFrom;
        nextAttempt = nextAttempt == null ? queuedAt : nextAttempt;
        lastReply = lastReply == null ? "" : lastReply;
        recipients = List.copyOf(recipients);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    static OutboundEnvelope create(String id, String mailFrom, List<String> recipients, long size, Instant now,
                                   Map<String, String> tags) {
        return new OutboundEnvelope(id, mailFrom, now, now, size, 0, now, "", 1,
                recipients.stream().map(RecipientState::pending).toList(), tags);
    }

    /** Recipients still to deliver. */
    List<RecipientState> pending() {
        return recipients.stream().filter(r -> r.status() == RecipientStatus.PENDING).toList();
    }

    boolean anyFailed() {
        return recipients.stream().anyMatch(r -> r.status() == RecipientStatus.FAILED);
    }

    OutboundEnvelope withRecipients(List<RecipientState> recipients, int attempts, Instant nextAttempt,
                                    String lastReply) {
        return new OutboundEnvelope(id, mailFrom, queuedAt, retryFrom, size, attempts, nextAttempt, lastReply,
                revision + 1, recipients, tags);
    }

    /** The next revision, unchanged otherwise (a state move). */
    OutboundEnvelope revised() {
        return new OutboundEnvelope(id, mailFrom, queuedAt, retryFrom, size, attempts, nextAttempt, lastReply,
                revision + 1, recipients, tags);
    }

    /** Failed recipients pending again, attempts and the max age restarted at {@code now}. */
    OutboundEnvelope replayed(Instant now) {
        List<RecipientState> again = recipients.stream()
                .map(r -> r.status() == RecipientStatus.FAILED ? r.with(RecipientStatus.PENDING, r.reply(), r.host(),
                        now) : r)
                .toList();
        return new OutboundEnvelope(id, mailFrom, queuedAt, now, size, 0, now, lastReply, revision + 1, again, tags);
    }
}
