package io.inlet.actions.validation;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionValidationException;

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
