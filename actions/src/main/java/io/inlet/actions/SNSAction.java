package io.inlet.actions;

import io.inlet.actions.validation.CommonChecks;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;

/** SES {@code SNSAction}: publishes the notification with the message content. */
public final class SNSAction implements ActionPlugin {

    public static final String TYPE = "SNSAction";
    public static final String ENCODING = "Encoding";
    public static final String UTF_8 = "UTF-8";
    public static final String BASE64 = "Base64";

    /** Probed: a bad encoding is reported before the missing topic. */
    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.oneOf(ENCODING, false, UTF_8, BASE64, UTF_8),
            ActionParameter.required(CommonChecks.TOPIC_ARN));

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
        CommonChecks.topic(action.get(CommonChecks.TOPIC_ARN));
    }
}
