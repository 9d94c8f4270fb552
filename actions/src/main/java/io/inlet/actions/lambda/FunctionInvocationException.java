package io.inlet.actions.lambda;

/** An invocation that failed or timed out: the action failed and the engine retries it. */
public class FunctionInvocationException extends Exception {

    public FunctionInvocationException(String functionArn, String detail) {
        super("Lambda function " + functionArn + ": " + detail);
    }

    public FunctionInvocationException(String functionArn, String detail, Throwable cause) {
        super("Lambda function " + functionArn + ": " + detail, cause);
    }

    /** At most {@code max} characters of a response body, for an error message. */
    static String excerpt(String body, int max) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
    }
}
