package io.inlet.actions;

import io.inlet.actions.sns.TopicNotifications;
import io.inlet.actions.sns.TopicPublishers;
import io.inlet.actions.validation.CommonChecks;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.PluginEnvironment;
import io.inlet.rules.spi.TopicPublisher;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;
import java.util.Map;

/** SES {@code StopAction}: ends evaluation of the rule set for the message. */
public final class StopAction implements ActionPlugin {

    public static final String TYPE = "StopAction";
    public static final String SCOPE = "Scope";
    public static final String RULE_SET = "RuleSet";

    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.oneOf(SCOPE, true, null, RULE_SET),
            ActionParameter.optional(CommonChecks.TOPIC_ARN));

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
        topics = TopicPublishers.fromEnvironment(environment);
    }

    /** Scope is fully covered by the shape check; only the topic is left (publishable, in strict mode). */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.optionalTopic(action, context, topics);
    }

    /**
     * Scope can only be RuleSet. The optional TopicArn notification ({@code type: Stop, topicArn})
     * is published before the rule set ends; without a publisher such an action fails (and is
     * retried) rather than skipping the notification.
     */
    @Override
    public ActionOutcome execute(ActionSpec action, ActionContext context) throws Exception {
        String topicArn = action.get(CommonChecks.TOPIC_ARN);
        if (topicArn != null && !topicArn.isEmpty()) {
            TopicNotifications.publishIfAsked(TopicPublishers.required(topics, TYPE), action, context, Map.of("type", "Stop"));
        }
        return ActionOutcome.STOP_RULE_SET;
    }
}
