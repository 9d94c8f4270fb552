package io.inlet.config.sending;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The bounce message of SendBounce, an RFC 3464 delivery status notification: a
 * {@code multipart/report; report-type=delivery-status} of the human-readable explanation, the
 * {@code message/delivery-status} fields (one per-message group, one group per recipient) and
 * the original message's header section as {@code text/rfc822-headers}.
 */
final class BounceDsn {
    private static final String CRLF = "\r\n";

    /** An extension field (X-...) of a DSN group. */
    record Field(String name, String value) {
    }

    /** The per-recipient group; {@code remoteMta}, {@code diagnosticCode}, {@code lastAttemptDate} may be null. */
    record Recipient(String finalRecipient, String action, String status, String remoteMta, String diagnosticCode,
                     Instant lastAttemptDate, List<Field> extensions) {
    }

    private BounceDsn() {
    }

    static String date(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    static byte[] compose(String messageId, Instant now, String from, String to, String explanation,
                          String reportingMta, Instant arrivalDate, List<Field> messageExtensions,
                          List<Recipient> recipients, String originalHeaders) {
        String boundary = "=_inlet_bounce_" + UUID.randomUUID().toString().replace("-", "");
        boolean anyFailed = recipients.stream().anyMatch(r -> r.action().equals("failed"));
        StringBuilder b = new StringBuilder();
        b.append("From: ").append(from).append(CRLF);
        b.append("To: ").append(to).append(CRLF);
        b.append("Subject: Delivery Status Notification (").append(anyFailed ? "Failure" : "Delay").append(')').append(CRLF);
        b.append("Date: ").append(date(now)).append(CRLF);
        b.append("Message-ID: <").append(messageId).append("@email.inlet>").append(CRLF);
        b.append("MIME-Version: 1.0").append(CRLF);
        b.append("Auto-Submitted: auto-replied").append(CRLF);
        b.append("Content-Type: multipart/report; report-type=delivery-status;").append(CRLF)
                .append("\tboundary=\"").append(boundary).append('"').append(CRLF);
        b.append(CRLF);
        b.append("This is a MIME-formatted delivery status notification.").append(CRLF);

        // 1: the human-readable part.
        b.append(CRLF).append("--").append(boundary).append(CRLF);
        String text = crlf(explanation);
        if (!text.endsWith(CRLF)) {
            text += CRLF;
        }
        if (ascii(text)) {
            b.append("Content-Type: text/plain; charset=us-ascii").append(CRLF)
                    .append("Content-Transfer-Encoding: 7bit").append(CRLF).append(CRLF)
                    .append(text);
        } else {
            b.append("Content-Type: text/plain; charset=UTF-8").append(CRLF)
                    .append("Content-Transfer-Encoding: base64").append(CRLF).append(CRLF)
                    .append(Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))).append(CRLF);
        }

        // 2: the machine-readable part (RFC 3464 section 2).
        b.append(CRLF).append("--").append(boundary).append(CRLF);
        b.append("Content-Type: message/delivery-status").append(CRLF).append(CRLF);
        b.append("Reporting-MTA: ").append(typed("dns", reportingMta)).append(CRLF);
        if (arrivalDate != null) {
            b.append("Arrival-Date: ").append(date(arrivalDate)).append(CRLF);
        }
        fields(b, messageExtensions);
        for (Recipient r : recipients) {
            b.append(CRLF);
            b.append("Final-Recipient: ").append(typed("rfc822", r.finalRecipient())).append(CRLF);
            b.append("Action: ").append(r.action()).append(CRLF);
            b.append("Status: ").append(r.status()).append(CRLF);
            if (r.remoteMta() != null) {
                b.append("Remote-MTA: ").append(typed("dns", r.remoteMta())).append(CRLF);
            }
            if (r.diagnosticCode() != null) {
                b.append("Diagnostic-Code: ").append(typed("smtp", r.diagnosticCode())).append(CRLF);
            }
            if (r.lastAttemptDate() != null) {
                b.append("Last-Attempt-Date: ").append(date(r.lastAttemptDate())).append(CRLF);
            }
            fields(b, r.extensions());
        }

        // 3: the original message's header section.
        b.append(CRLF).append("--").append(boundary).append(CRLF);
        b.append("Content-Type: text/rfc822-headers").append(CRLF);
        String headers = crlf(originalHeaders);
        b.append("Content-Transfer-Encoding: ").append(ascii(headers) ? "7bit" : "8bit").append(CRLF).append(CRLF);
        b.append(headers);
        if (!headers.isEmpty() && !headers.endsWith(CRLF)) {
            b.append(CRLF);
        }
        b.append(CRLF).append("--").append(boundary).append("--").append(CRLF);
        // Header values are ASCII (checked by the caller); the original headers keep their bytes.
        return b.toString().getBytes(ascii(headers) ? StandardCharsets.US_ASCII : StandardCharsets.ISO_8859_1);
    }

    private static void fields(StringBuilder b, List<Field> fields) {
        for (Field f : fields) {
            b.append(f.name()).append(": ").append(f.value()).append(CRLF);
        }
    }

    /** A DSN field value with its type ({@code dns; host}); kept as given when it names one. */
    static String typed(String type, String value) {
        return value.contains(";") ? value : type + "; " + value;
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", CRLF);
    }

    static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
