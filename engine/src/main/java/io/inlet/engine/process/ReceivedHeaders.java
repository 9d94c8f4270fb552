package io.inlet.engine.process;

import io.inlet.engine.message.Envelope;
import io.inlet.engine.verdicts.Header;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The trace headers Inlet prepends to every message, in SES's order (SES-RECEIVING.md §4.5):
 * {@code Return-Path} then {@code Received}.
 */
public final class ReceivedHeaders {

    // SES writes a two-digit day and "+0000 (UTC)"; RFC 5322 allows both forms.
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);

    private ReceivedHeaders() {
    }

    public static List<Header> build(String messageId, Envelope envelope) {
        return List.of(returnPath(envelope), received(messageId, envelope));
    }

    /** {@code Return-Path: <sender>}, literally {@code <>} for the null sender. */
    public static Header returnPath(Envelope envelope) {
        String from = envelope.mailFrom() == null ? "" : envelope.mailFrom();
        return new Header("Return-Path", "<" + from + ">");
    }

    /**
     * {@code from <helo> ([<ip>]) by <host> with SMTP id <messageId> for <rcpt>; <date> +0000 (UTC)}.
     * SES shows {@code (<rDNS> [<ip>])}; Inlet does no reverse lookup, so the RFC 5321 TCP-info is
     * the address literal alone. Only the first recipient is named, as in every SES sample.
     */
    public static Header received(String messageId, Envelope envelope) {
        StringBuilder value = new StringBuilder("from ")
                .append(orUnknown(envelope.helo()))
                .append(" (").append(addressLiteral(envelope.clientAddress())).append(')')
                .append(" by ").append(orUnknown(envelope.receivedBy()))
                // SES writes "with SMTP" whatever the client spoke (SES-RECEIVING.md §4.5, observed)
                .append(" with SMTP")
                .append(" id ").append(messageId);
        if (!envelope.recipients().isEmpty()) {
            value.append(" for ").append(envelope.recipients().get(0));
        }
        value.append("; ").append(DATE.format(envelope.receivedAt())).append(" +0000 (UTC)");
        return new Header("Received", value.toString());
    }

    static String addressLiteral(String ip) {
        if (ip == null || ip.isEmpty()) {
            return "[unknown]";
        }
        if (ip.startsWith("[")) {
            return ip;
        }
        return ip.indexOf(':') >= 0 ? "[IPv6:" + ip + "]" : "[" + ip + "]";
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "unknown" : s.strip();
    }
}
