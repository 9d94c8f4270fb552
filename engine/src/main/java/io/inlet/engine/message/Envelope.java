package io.inlet.engine.message;

import java.time.Instant;
import java.util.List;

/**
 * The SMTP facts of one accepted message, as the session saw them.
 *
 * @param mailFrom      the MAIL FROM address; the empty string for the null sender {@code <>}
 * @param recipients    the accepted RCPT TO addresses, in the order given
 * @param helo          the EHLO/HELO argument
 * @param clientAddress the client's IP (the PROXY-protocol source when enabled), as text
 * @param tlsProtocol   e.g. {@code TLSv1.3}; null when the session was not encrypted
 * @param tlsCipher     the negotiated cipher suite; null without TLS
 * @param receivedBy    the configured hostname of the Inlet that accepted it
 * @param receivedAt    when the 250 was earned (after the spool commit started)
 */
public record Envelope(String mailFrom, List<String> recipients, String helo, String clientAddress,
                       String tlsProtocol, String tlsCipher, String receivedBy, Instant receivedAt) {
    public Envelope {
        recipients = List.copyOf(recipients);
    }

    public boolean tls() {
        return tlsProtocol != null;
    }
}
