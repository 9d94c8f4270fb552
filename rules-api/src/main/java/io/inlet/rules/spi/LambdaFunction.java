package io.inlet.rules.spi;

/**
 * A function that a plugin jar provides for SES {@code LambdaAction}s, found with
 * {@link java.util.ServiceLoader} in the jar. A LambdaAction whose {@code FunctionArn} names it
 * ({@link #name()} equals the ARN's function name, or the whole ARN) runs it in-process.
 */
public interface LambdaFunction {

    /** The function name, as in {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}. */
    String name();

    /**
     * Runs the function on the SES Lambda event ({@code {"Records":[{"eventSource":"aws:ses",...}]}}).
     *
     * @return the function's JSON result; for {@code RequestResponse} SES reads
     *         {@code {"disposition":"STOP_RULE"|"STOP_RULE_SET"|"CONTINUE"}} from it. May be null.
     * @throws Exception a function error: the action failed and is retried
     */
    String invoke(String eventJson) throws Exception;
}
