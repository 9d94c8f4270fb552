package io.inlet.actions.validation;

import java.util.regex.Pattern;

/** The parts of an SMTP reply a BounceAction carries into its DSN ({@code Diagnostic-Code: smtp; <code> <status> <message>}). */
public final class SmtpReplies {

    /** A bounce is a failure: 4yz (transient) or 5yz (permanent), three ASCII digits. */
    private static final Pattern REPLY_CODE = Pattern.compile("[45][0-9]{2}");
    /** RFC 3463 enhanced status code class.subject.detail, failure classes only. */
    private static final Pattern STATUS_CODE = Pattern.compile("[45]\\.[0-9]{1,3}\\.[0-9]{1,3}");

    private SmtpReplies() {
    }

    public static boolean isReplyCode(String code) {
        return code != null && REPLY_CODE.matcher(code).matches();
    }

    public static boolean isStatusCode(String status) {
        return status != null && STATUS_CODE.matcher(status).matches();
    }

    /** Non-empty and one line: it ends up inside a header field of the DSN. */
    public static boolean isResponseMessage(String message) {
        return message != null && !message.isEmpty() && !Text.hasLineBreak(message);
    }
}
