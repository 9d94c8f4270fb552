package io.inlet.rules.spi;

/**
 * Publishes SNS-format notifications: the SNSAction and every action's {@code TopicArn}
 * notification. One publisher serves the whole daemon; its backend (AWS SNS, or the embedded
 * webhook deliverer with its on-disk outbox) is chosen by configuration.
 */
public interface TopicPublisher {

    /**
     * Publishes one message. Returns only once the message is durably handed over (accepted by
     * SNS, or fsync'ed into the outbox); throws when it was not, so the action is retried.
     *
     * @return the SNS {@code MessageId} of the notification
     * @throws PermanentFailureException when the topic refuses it for good (no such topic)
     */
    String publish(String topicArn, String subject, String message) throws Exception;

    /**
     * Whether {@code topicArn} exists and can be published to, for strict rule validation
     * ({@code InvalidSnsTopic}). Never throws.
     */
    boolean canPublish(String topicArn);
}
