package io.inlet.actions.dsn;

import org.apache.james.mime4j.util.MimeUtil;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The body of the DSN's {@code message/delivery-status} part (RFC 3464 §2.1): the per-message
 * fields, then one block per recipient, with the fields and field order of SES's real bounces
 * (SES-RECEIVING Part 2 §3.2).
 */
final class DeliveryStatusFields {

    /** SES writes Arrival-Date with a two-digit year and a literal {@code UTC}: {@code Thu, 01 Oct 15 13:48:54 UTC}. */
    static final DateTimeFormatter ARRIVAL_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yy HH:mm:ss 'UTC'", Locale.US).withZone(ZoneOffset.UTC);

    private DeliveryStatusFields() {
    }

    static byte[] of(String reportingMta, Instant arrival, List<String> recipients, BounceReason reason) {
        StringBuilder out = new StringBuilder();
        field(out, "Reporting-MTA", "dns; " + reportingMta);
        field(out, "Arrival-Date", ARRIVAL_DATE.format(arrival));
        for (String recipient : recipients) {
            out.append("\r\n");
            field(out, "Action", "failed");
            field(out, "Final-Recipient", "rfc822; " + recipient);
            field(out, "Original-Recipient", "rfc822; " + recipient);
            field(out, "Diagnostic-Code", "smtp; " + reason.smtpDiagnostic());
            field(out, "Status", reason.effectiveStatusCode());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Folded at white space, so a long bounce message does not break the 998-character line limit. */
    private static void field(StringBuilder out, String name, String value) {
        out.append(MimeUtil.fold(name + ": " + value, 0)).append("\r\n");
    }
}
