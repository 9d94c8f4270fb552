package io.inlet.actions.validation;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.TopicPublisher;
import io.inlet.rules.spi.ValidationContext;

/** Checks several action types share, with the probed error code and message. */
public final class CommonChecks {

    public static final String TOPIC_ARN = "TopicArn";

    private CommonChecks() {
    }

    /** The optional {@code TopicArn} of S3/Bounce/WorkMail/Lambda/Stop: when present (even empty) it must be a topic ARN. */
    public static void optionalTopic(ActionSpec action) throws ActionValidationException {
        String topic = action.get(TOPIC_ARN);
        if (topic != null) {
            topic(topic);
        }
    }

    /**
     * {@link #optionalTopic(ActionSpec)}, then, in strict mode, that the topic can be published to.
     * {@code topics} is null when the plugin was not started (shape-only validation).
     */
    public static void optionalTopic(ActionSpec action, ValidationContext context, TopicPublisher topics)
            throws ActionValidationException {
        String topic = action.get(TOPIC_ARN);
        if (topic != null) {
            topic(topic, context, topics);
        }
    }

    /** A well-formed topic ARN that, in strict mode and with a publisher, must be publishable. */
    public static void topic(String topicArn, ValidationContext context, TopicPublisher topics)
            throws ActionValidationException {
        topic(topicArn);
        if (context.checkTargets() && topics != null && !topics.canPublish(topicArn)) {
            throw new ActionValidationException(ErrorCodes.INVALID_SNS_TOPIC, "Could not publish to SNS topic: " + topicArn);
        }
    }

    /** A topic ARN that must be well formed; null reads as empty. */
    public static void topic(String topicArn) throws ActionValidationException {
        if (!Arns.isSnsTopic(topicArn)) {
            throw new ActionValidationException(ErrorCodes.INVALID_SNS_TOPIC, "Invalid SNS topic: " + orEmpty(topicArn));
        }
    }

    /** Messages quote the value as sent; an absent value prints as nothing, like SES's "Invalid SMTP reply code: ". */
    public static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
