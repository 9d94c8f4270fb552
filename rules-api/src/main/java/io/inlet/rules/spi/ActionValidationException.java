package io.inlet.rules.spi;

/**
 * Thrown by {@link ActionPlugin#validate} to refuse an action. {@code errorCode} is the SES wire
 * code the API returns ({@code InvalidParameterValue}, {@code InvalidSnsTopic},
 * {@code InvalidS3Configuration}, {@code InvalidLambdaFunction}); the message is returned as is.
 */
public class ActionValidationException extends Exception {
    private final String errorCode;

    public ActionValidationException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }

    public static ActionValidationException invalidParameter(String message) {
        return new ActionValidationException("InvalidParameterValue", message);
    }
}
