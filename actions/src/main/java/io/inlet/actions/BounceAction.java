package io.inlet.actions;

import io.inlet.actions.dsn.BounceReason;
import io.inlet.actions.dsn.Dsns;
import io.inlet.actions.sns.TopicNotifications;
import io.inlet.actions.validation.CommonChecks;
import io.inlet.actions.validation.EmailAddresses;
import io.inlet.actions.validation.SmtpReplies;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.PermanentFailureException;
import io.inlet.rules.spi.PluginEnvironment;
import io.inlet.rules.spi.TopicPublisher;
import io.inlet.rules.spi.ValidationContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SES {@code BounceAction}: sends a DSN to the envelope sender, from {@code Sender} (package
 * {@code io.inlet.actions.dsn}), then the {@code TopicArn} notification when asked. The rule goes
 * on: SES documents no stop for a bounce (SES-RECEIVING Part 2 §3.2), only Stop and Lambda end it.
 */
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

    private volatile PluginEnvironment environment;
    /** Null when not started or when the daemon has no publisher: validation then checks syntax only. */
    private volatile TopicPublisher topics;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ActionParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public void start(PluginEnvironment environment) {
        this.environment = environment;
        this.topics = topicsOf(environment);
    }

    /** Order: topic (probed first), reply code, status code, message (probed before the sender), sender. */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.optionalTopic(action, context, topics);
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

    @Override
    public ActionOutcome execute(ActionSpec action, ActionContext context) throws Exception {
        PluginEnvironment started = started();
        TopicPublisher publisher = publisherFor(action);
        BounceReason reason = new BounceReason(action.get(SENDER), action.get(SMTP_REPLY_CODE),
                action.get(STATUS_CODE), action.get(MESSAGE));
        Dsns.send(started, context, reason);
        if (publisher != null) {
            TopicNotifications.publishIfAsked(publisher, action, context, receiptAction(reason));
        }
        return ActionOutcome.CONTINUE;
    }

    /** SES's {@code receipt.action} for Bounce (§3.9); the status is the one the DSN carries. */
    private static Map<String, Object> receiptAction(BounceReason reason) {
        Map<String, Object> receiptAction = new LinkedHashMap<>();
        receiptAction.put("type", "Bounce");
        receiptAction.put("smtpReplyCode", reason.smtpReplyCode());
        receiptAction.put("statusCode", reason.effectiveStatusCode());
        receiptAction.put("message", reason.message());
        receiptAction.put("sender", reason.sender());
        return receiptAction;
    }

    /** Checked before the DSN is queued, so a notification that cannot be sent does not follow a sent DSN. */
    private TopicPublisher publisherFor(ActionSpec action) {
        String topicArn = action.get(CommonChecks.TOPIC_ARN);
        if (topicArn == null || topicArn.isEmpty()) {
            return null;
        }
        TopicPublisher publisher = topics;
        if (publisher == null) {
            throw new PermanentFailureException(TYPE + " with TopicArn " + topicArn
                    + ": this daemon has no topic publisher; the notification cannot be sent");
        }
        return publisher;
    }

    private PluginEnvironment started() {
        PluginEnvironment current = environment;
        if (current == null) {
            throw new IllegalStateException(TYPE + " used before start()");
        }
        return current;
    }

    private static TopicPublisher topicsOf(PluginEnvironment environment) {
        try {
            return environment.topics();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }
}
