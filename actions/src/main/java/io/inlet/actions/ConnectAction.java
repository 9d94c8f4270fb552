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
            ActionParameter.required(INSTANCE_ARN),
            ActionParameter.required(IAM_ROLE_ARN));

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
        String instance = action.get(INSTANCE_ARN);
        if (!Arns.isConnectInstance(instance)) {
            throw ActionValidationException.invalidParameter("Invalid Amazon Connect instance: " + CommonChecks.orEmpty(instance));
        }
        CommonChecks.iamRole(action.get(IAM_ROLE_ARN));
    }
}
