package io.inlet.actions.sns;

import java.time.Instant;

/**
 * One published notification as the outbox keeps it: what SNS would hold for a {@code Publish}.
 *
 * @param messageId the SNS {@code MessageId} returned to the publisher (a UUID), kept on every retry
 * @param subject   null when published without one (then SNS omits {@code Subject})
 * @param timestamp publish time, millisecond precision
 */
record Notification(String messageId, String topicArn, String subject, String message, Instant timestamp) {
}
