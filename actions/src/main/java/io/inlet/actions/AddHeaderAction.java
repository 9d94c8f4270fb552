package io.inlet.actions;

import io.inlet.actions.validation.CommonChecks;
import io.inlet.actions.validation.HeaderFields;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;

/** SES {@code AddHeaderAction}: prepends a header that every later action sees. No topic. */
public final class AddHeaderAction implements ActionPlugin {

    public static final String TYPE = "AddHeaderAction";
    public static final String HEADER_NAME = "HeaderName";
    public static final String HEADER_VALUE = "HeaderValue";

    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.required(HEADER_NAME),
            ActionParameter.required(HEADER_VALUE));

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
        String name = action.get(HEADER_NAME);
        if (!HeaderFields.isValidName(name)) {
            throw ActionValidationException.invalidParameter("Invalid header name: " + CommonChecks.orEmpty(name));
        }
        String value = action.get(HEADER_VALUE);
        if (!HeaderFields.isValidValue(value)) {
            throw ActionValidationException.invalidParameter("Invalid header value: " + CommonChecks.orEmpty(value));
        }
    }

    /** The context puts it on top of the header block, where every later action and rule sees it. */
    @Override
    public ActionOutcome execute(ActionSpec action, ActionContext context) {
        context.prependHeader(action.get(HEADER_NAME), action.get(HEADER_VALUE));
        return ActionOutcome.CONTINUE;
    }
}
