package io.inlet.actions;

import io.inlet.actions.validation.CommonChecks;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;

/** SES {@code StopAction}: ends evaluation of the rule set for the message. */
public final class StopAction implements ActionPlugin {

    public static final String TYPE = "StopAction";
    public static final String SCOPE = "Scope";
    public static final String RULE_SET = "RuleSet";

    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.oneOf(SCOPE, true, null, RULE_SET),
            ActionParameter.optional(CommonChecks.TOPIC_ARN));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ActionParameter> parameters() {
        return PARAMETERS;
    }

    /** Scope is fully covered by the shape check; only the topic is left. */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.optionalTopic(action);
    }

    /**
     * Scope can only be RuleSet. The optional TopicArn notification ({@code type: Stop}) is
     * published once the SNS action lands; until then the topic is accepted and not used.
     */
    @Override
    public ActionOutcome execute(ActionSpec action, ActionContext context) {
        return ActionOutcome.STOP_RULE_SET;
    }
}
