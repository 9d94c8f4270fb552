package io.inlet.actions.validation;

/** The SES wire error codes an action validation may answer with (SES-RECEIVING.md Part 2 §3). */
public final class ErrorCodes {

    public static final String INVALID_PARAMETER_VALUE = "InvalidParameterValue";
    public static final String INVALID_SNS_TOPIC = "InvalidSnsTopic";
    public static final String INVALID_S3_CONFIGURATION = "InvalidS3Configuration";
    public static final String INVALID_LAMBDA_FUNCTION = "InvalidLambdaFunction";

    private ErrorCodes() {
    }
}
