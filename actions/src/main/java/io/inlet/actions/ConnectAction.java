package io.inlet.actions;

import io.inlet.actions.validation.Arns;
import io.inlet.actions.validation.CommonChecks;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;

/**
 * SES {@code ConnectAction} (2024-11): starts an Amazon Connect email contact. No topic.
 *
 * <p>Inlet has no Amazon Connect: the action is stored and returned by the API, but running it
 * needs a plugin jar that serves {@code ConnectAction} (it replaces this built-in). Without one,
 * strict validation refuses the action; lenient accepts it, and a message reaching it is
 * dead-lettered with {@link #NOT_INSTALLED}.
 */
public final class ConnectAction implements ActionPlugin {

    public static final String TYPE = "ConnectAction";
    public static final String INSTANCE_ARN = "InstanceARN";
    public static final String IAM_ROLE_ARN = "IAMRoleARN";
    public static final String NOT_INSTALLED = "ConnectAction needs an action plugin that provides it: none is installed";

    private static final List<ActionParameter> PARAMETERS = List.of(
            // both are constrained by the SES model itself: violations are ValidationErrors
            ActionParameter.constrained(INSTANCE_ARN, true, 0, Integer.MAX_VALUE, Arns.CONNECT_INSTANCE_PATTERN),
            ActionParameter.constrained(IAM_ROLE_ARN, true, Arns.IAM_ROLE_MIN, Arns.IAM_ROLE_MAX, Arns.IAM_ROLE_PATTERN));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ActionParameter> parameters() {
        return PARAMETERS;
    }

    /** Beyond the model's shape checks: strict refuses what could never run here (lenient keeps it for a later plugin). */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        if (context.checkTargets()) {
            throw ActionValidationException.invalidParameter(NOT_INSTALLED);
        }
    }

    /** Unsupported is permanent for the engine: the message is dead-lettered with this reason, not retried. */
    @Override
    public ActionOutcome execute(ActionSpec action, ActionContext context) {
        throw new UnsupportedOperationException(NOT_INSTALLED);
    }
}
