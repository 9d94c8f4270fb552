package io.inlet.actions;

import io.inlet.actions.validation.CommonChecks;
import io.inlet.actions.validation.EmailAddresses;
import io.inlet.actions.validation.SmtpReplies;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;

/** SES {@code BounceAction}: sends a DSN to the envelope sender, from {@code Sender}. */
public final class BounceAction implements ActionPlugin {

    public static final String TYPE = "BounceAction";
    public static final String SMTP_REPLY_CODE = "SmtpReplyCode";
    public static final String STATUS_CODE = "StatusCode";
    public static final String MESSAGE = "Message";
    public static final String SENDER = "Sender";

    /** Required members in the probed violation order: smtpReplyCode, sender, message. */
    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.required(SMTP_REPLY_CODE),
            ActionParameter.required(SENDER),
            ActionParameter.required(MESSAGE),
            ActionParameter.optional(STATUS_CODE),
            ActionParameter.optional(CommonChecks.TOPIC_ARN));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ActionParameter> parameters() {
        return PARAMETERS;
    }

    /** Order: topic (probed first), reply code, status code, message (probed before the sender), sender. */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.optionalTopic(action);
        String replyCode = action.get(SMTP_REPLY_CODE);
        if (!SmtpReplies.isReplyCode(replyCode)) {
            throw ActionValidationException.invalidParameter("Invalid SMTP reply code: " + CommonChecks.orEmpty(replyCode));
        }
        String statusCode = action.get(STATUS_CODE);
        if (statusCode != null && !SmtpReplies.isStatusCode(statusCode)) {
            throw ActionValidationException.invalidParameter("Invalid SMTP status code: " + statusCode);
        }
        String message = action.get(MESSAGE);
        if (!SmtpReplies.isResponseMessage(message)) {
            throw ActionValidationException.invalidParameter("Invalid SMTP response message: " + CommonChecks.orEmpty(message));
        }
        String sender = action.get(SENDER);
        if (!EmailAddresses.isValid(sender)) {
            throw ActionValidationException.invalidParameter("Invalid sender address: " + CommonChecks.orEmpty(sender));
        }
        if (context.checkTargets() && !context.isVerifiedIdentity(sender)) {
            throw ActionValidationException.invalidParameter("Identity is not verified: " + sender);
        }
    }
}
