package io.inlet.actions;

import io.inlet.actions.validation.Arns;
import io.inlet.actions.validation.CommonChecks;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;

/** SES {@code WorkmailAction}: hands the message to a WorkMail organization (Inlet: a mailbox server mapped from it). */
public final class WorkmailAction implements ActionPlugin {

    public static final String TYPE = "WorkmailAction";
    public static final String ORGANIZATION_ARN = "OrganizationArn";

    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.required(ORGANIZATION_ARN),
            ActionParameter.optional(CommonChecks.TOPIC_ARN));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ActionParameter> parameters() {
        return PARAMETERS;
    }

    /** Syntax only: SES accepts a well-formed organization ARN without checking it exists (probed). */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.optionalTopic(action);
        String organization = action.get(ORGANIZATION_ARN);
        if (!Arns.isWorkmailOrganization(organization)) {
            throw ActionValidationException.invalidParameter("Invalid WorkMail organization: " + CommonChecks.orEmpty(organization));
        }
    }
}
