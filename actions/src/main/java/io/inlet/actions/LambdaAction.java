package io.inlet.actions;

import io.inlet.actions.validation.Arns;
import io.inlet.actions.validation.CommonChecks;
import io.inlet.actions.validation.ErrorCodes;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;

/** SES {@code LambdaAction}: invokes a function, asynchronously (Event) or waiting for a disposition (RequestResponse). */
public final class LambdaAction implements ActionPlugin {

    public static final String TYPE = "LambdaAction";
    public static final String FUNCTION_ARN = "FunctionArn";
    public static final String INVOCATION_TYPE = "InvocationType";
    public static final String EVENT = "Event";
    public static final String REQUEST_RESPONSE = "RequestResponse";

    /** Probed violation order: the missing functionArn before a bad invocationType. */
    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.required(FUNCTION_ARN),
            ActionParameter.oneOf(INVOCATION_TYPE, false, EVENT, REQUEST_RESPONSE, EVENT),
            ActionParameter.optional(CommonChecks.TOPIC_ARN));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ActionParameter> parameters() {
        return PARAMETERS;
    }

    /** Probed order: topic, then empty function, then a malformed (or bare-name) function ARN. */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.optionalTopic(action);
        String function = action.get(FUNCTION_ARN);
        if (function == null || function.isEmpty()) {
            throw ActionValidationException.invalidParameter("Lambda function ARN must not be empty");
        }
        if (!Arns.isLambdaFunction(function)) {
            throw new ActionValidationException(ErrorCodes.INVALID_LAMBDA_FUNCTION, "Invalid Lambda function: " + function);
        }
    }
}
