package io.inlet.actions;

import io.inlet.actions.dsn.BounceReason;
import io.inlet.actions.dsn.Dsns;
import io.inlet.actions.sns.SnsSettings;
import io.inlet.actions.sns.TopicNotifications;
import io.inlet.actions.sns.TopicPublishers;
import io.inlet.actions.validation.CommonChecks;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.NotificationContent;
import io.inlet.rules.spi.PermanentFailureException;
import io.inlet.rules.spi.PluginEnvironment;
import io.inlet.rules.spi.TopicPublisher;
import io.inlet.rules.spi.ValidationContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SES {@code SNSAction}: publishes the notification with the message content to the topic, through
 * the daemon's topic publisher. A message over the SNS limit ({@code actions.sns.max-message-bytes})
 * fails permanently and its sender gets a DSN (SES-RECEIVING Part 1): never a silent drop.
 */
public final class SNSAction implements ActionPlugin {

    public static final String TYPE = "SNSAction";
    public static final String ENCODING = "Encoding";
    public static final String UTF_8 = "UTF-8";
    public static final String BASE64 = "Base64";

    /** The DSN of an oversized message, as a real SES DSN reads (SES-RECEIVING Part 2 §3.5). */
    static final String TOO_LARGE_REPLY = "552";
    static final String TOO_LARGE_STATUS = "5.2.3";
    static final String TOO_LARGE_TEXT = "Message length exceeds limit set by recipient";

    /** Probed: a bad encoding is reported before the missing topic. */
    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.oneOf(ENCODING, false, UTF_8, BASE64, UTF_8),
            ActionParameter.required(CommonChecks.TOPIC_ARN));

    private volatile PluginEnvironment environment;
    private volatile TopicPublisher topics;
    private volatile long maxMessageBytes = SnsSettings.SES_SNS_LIMIT;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ActionParameter> parameters() {
        return PARAMETERS;
    }

    /** The SNS keys are declared here once; the daemon opens its one topic publisher from them. */
    @Override
    public Map<String, String> settingDefaults() {
        return SnsSettings.DEFAULTS;
    }

    @Override
    public void checkSettings(Map<String, String> settings) {
        SnsSettings.parse(settings);
    }

    @Override
    public void start(PluginEnvironment environment) {
        maxMessageBytes = SnsSettings.parse(environment.settings()).maxMessageBytes();
        topics = TopicPublishers.fromEnvironment(environment);
        this.environment = environment;
    }

    /** In strict mode, with a publisher, the topic must be publishable ("Could not publish to SNS topic"). */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.topic(action.get(CommonChecks.TOPIC_ARN), context, topics);
    }

    @Override
    public ActionOutcome execute(ActionSpec action, ActionContext context) throws Exception {
        PluginEnvironment env = environment;
        if (env == null) {
            throw new IllegalStateException(TYPE + " used before start()");
        }
        long size = context.message().size();
        if (size > maxMessageBytes) {
            bounceTooLarge(env, context, size); // needs no publisher: checked first
        }
        TopicPublisher publisher = TopicPublishers.required(topics, TYPE);
        String topicArn = action.get(CommonChecks.TOPIC_ARN);
        NotificationContent content = content(action.getOrDefault(ENCODING, UTF_8));
        Map<String, Object> receiptAction = new LinkedHashMap<>();
        receiptAction.put("type", "SNS");
        receiptAction.put("topicArn", topicArn);
        // The AWS sample shows BASE64; the UTF-8 spelling is not documented (SES-RECEIVING §3.5).
        receiptAction.put("encoding", content == NotificationContent.BASE64 ? "BASE64" : "UTF8");
        publisher.publish(topicArn, TopicNotifications.SUBJECT, context.notificationJson(receiptAction, content));
        return ActionOutcome.CONTINUE;
    }

    /**
     * Queues the DSN, then fails for good. When no DSN can be sent (no outbound queue, null sender)
     * the failure says so; the message is dead-lettered with that reason instead of retried in vain.
     * A temporary failure to queue the DSN propagates, so the action is retried.
     */
    private void bounceTooLarge(PluginEnvironment env, ActionContext context, long size) throws Exception {
        String why = "message " + context.messageId() + " is " + size + " bytes, over the SNS limit of "
                + maxMessageBytes + " (" + SnsSettings.MAX_MESSAGE_BYTES + ")";
        String dsn;
        try {
            dsn = Dsns.send(env, context, new BounceReason("MAILER-DAEMON@" + env.hostname(),
                    TOO_LARGE_REPLY, TOO_LARGE_STATUS, TOO_LARGE_TEXT));
        } catch (PermanentFailureException | UnsupportedOperationException e) {
            // e.g. no outbound queue: say both why the message failed and why nobody was told
            throw new PermanentFailureException(why + "; no DSN sent: " + e.getMessage(), e);
        }
        throw new PermanentFailureException(why + (dsn == null
                ? "; no DSN sent: the sender is null (<>)"
                : "; DSN " + TOO_LARGE_REPLY + " " + TOO_LARGE_STATUS + " queued as " + dsn));
    }

    private static NotificationContent content(String encoding) {
        return switch (encoding) {
            case UTF_8 -> NotificationContent.UTF8;
            case BASE64 -> NotificationContent.BASE64;
            default -> throw new PermanentFailureException("SNSAction Encoding " + encoding + " is neither UTF-8 nor Base64");
        };
    }
}
