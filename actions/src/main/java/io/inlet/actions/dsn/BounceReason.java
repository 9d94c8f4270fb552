package io.inlet.actions.dsn;

/**
 * Why a received message is bounced, and from whom: the BounceAction's members, or Inlet's own
 * reason (e.g. SNS's 552 5.2.3 when a message exceeds the notification limit).
 *
 * @param sender        the DSN's {@code From} address
 * @param smtpReplyCode e.g. {@code 550}
 * @param statusCode    e.g. {@code 5.1.1}; may be null (then derived from the reply code's class)
 * @param message       the human-readable reason
 */
public record BounceReason(String sender, String smtpReplyCode, String statusCode, String message) {

    /**
     * {@link #statusCode()}, or, when it is absent, the generic code of the reply's class
     * ({@code 4.0.0} for a 4yz reply, {@code 5.0.0} otherwise): RFC 3464 requires a Status field.
     */
    public String effectiveStatusCode() {
        if (statusCode != null && !statusCode.isEmpty()) {
            return statusCode;
        }
        return smtpReplyCode != null && smtpReplyCode.startsWith("4") ? "4.0.0" : "5.0.0";
    }

    /** The {@code Diagnostic-Code} text after {@code smtp; }: {@code <reply code> <status code> <message>}. */
    public String smtpDiagnostic() {
        return smtpReplyCode + " " + effectiveStatusCode() + " " + message;
    }
}
