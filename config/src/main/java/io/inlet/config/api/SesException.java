package io.inlet.config.api;

/**
 * An error the API returns as the SES error envelope: {@code ErrorResponse/Error/{Type,Code,Message}}.
 * {@code code} is the wire code (no {@code Exception} suffix for the receipt errors).
 */
public class SesException extends RuntimeException {
    private final int httpStatus;
    private final String code;
    private final String type;

    public SesException(int httpStatus, String type, String code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.type = type;
        this.code = code;
    }

    /** A client error with HTTP 400 and {@code Type=Sender}, the form of every modeled SES error. */
    public static SesException sender(String code, String message) {
        return new SesException(400, "Sender", code, message);
    }

    public static SesException invalidParameter(String message) {
        return sender("InvalidParameterValue", message);
    }

    public static SesException validation(String message) {
        return sender("ValidationError", message);
    }

    public static SesException alreadyExists(String message) {
        return sender("AlreadyExists", message);
    }

    public static SesException limitExceeded(String message) {
        return sender("LimitExceeded", message);
    }

    public static SesException ruleSetDoesNotExist(String name) {
        return sender("RuleSetDoesNotExist", "Rule set does not exist: " + name);
    }

    public static SesException ruleDoesNotExist(String name) {
        return sender("RuleDoesNotExist", "Rule does not exist: " + name);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public String type() {
        return type;
    }
}
