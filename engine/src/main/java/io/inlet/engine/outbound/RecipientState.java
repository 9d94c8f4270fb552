package io.inlet.engine.outbound;

import java.time.Instant;
import java.util.Objects;

/**
 * One recipient of an outbound entry.
 *
 * @param reply     the last reply for this recipient (a server's, or our explanation); empty before
 *                  the first attempt
 * @param host      the host that gave {@code reply}, {@code name[ip]:port}; empty when none answered
 * @param updatedAt when {@code status} or {@code reply} last changed; null before the first attempt
 */
public record RecipientState(String address, RecipientStatus status, String reply, String host, Instant updatedAt) {

    public RecipientState {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        reply = reply == null ? "" : reply;
        host = host == null ? "" : host;
    }

    static RecipientState pending(String address) {
        return new RecipientState(address, RecipientStatus.PENDING, "", "", null);
    }

    /** The recipient's domain, lower case (the part after the last {@code @}). */
    String domain() {
        return EnvelopeAddresses.domain(address);
    }

    RecipientState with(RecipientStatus status, String reply, String host, Instant at) {
        return new RecipientState(address, status, reply, host, at);
    }
}
