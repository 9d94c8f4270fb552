package io.inlet.actions;

import io.inlet.actions.validation.Arns;
import io.inlet.actions.validation.CommonChecks;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;

/** SES {@code ConnectAction} (2024-11): starts an Amazon Connect email contact. No topic. */
public final class ConnectAction implements ActionPlugin {

    public static final String TYPE = "ConnectAction";
    public static final String INSTANCE_ARN = "InstanceARN";
    public static final String IAM_ROLE_ARN = "IAMRoleARN";

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

    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        // Nothing beyond the model's shape checks: the instance is not looked up (no Connect here).
    }
}
