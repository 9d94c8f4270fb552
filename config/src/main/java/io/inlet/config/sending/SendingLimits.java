package io.inlet.config.sending;

import io.inlet.config.api.SesException;

/** The per-message limits of the SES v1 reference (SendEmail, SendRawEmail) and their errors. */
final class SendingLimits {
    /** "The combined number of To:, CC: and BCC: email addresses cannot exceed 50." */
    static final int MAX_RECIPIENTS = 50;
    /** "The total size of the message cannot exceed 10 MB", counted on the message as queued. */
    static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

    private SendingLimits() {
    }

    static void checkRecipients(int count) {
        if (count == 0) {
            // What SES answers when neither Destination(s) nor the headers name anybody.
            throw SesException.invalidParameter("Missing required header 'To'.");
        }
        if (count > MAX_RECIPIENTS) {
            throw rejected("Too many recipients.");
        }
    }

    static void checkSize(long bytes) {
        if (bytes > MAX_MESSAGE_BYTES) {
            throw rejected("Message length is more than " + MAX_MESSAGE_BYTES + " bytes long: '" + bytes + "'.");
        }
    }

    static SesException rejected(String message) {
        return SesException.sender("MessageRejected", message);
    }

    /** SES answers exceeded quotas with the unmodeled Throttling code (HTTP 400, Type Sender). */
    static SesException throttled(String message) {
        return SesException.sender("Throttling", message);
    }
}
