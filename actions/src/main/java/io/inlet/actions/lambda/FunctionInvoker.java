package io.inlet.actions.lambda;

/** Where LambdaAction's events go: AWS Lambda, or the embedded URL / plugin-function backend. */
public interface FunctionInvoker extends AutoCloseable {

    /**
     * Invokes the function with the SES event. Returns once the backend accepted an
     * {@link InvocationType#EVENT} event, or once a {@link InvocationType#REQUEST_RESPONSE}
     * invocation answered.
     *
     * @return the function's result for RequestResponse (null when it gave none); null for Event
     * @throws FunctionInvocationException on a function error, a refusal or a timeout
     */
    String invoke(FunctionArn function, InvocationType type, String eventJson) throws FunctionInvocationException;

    /** Whether the function exists and can be invoked, for strict rule validation. Never throws. */
    boolean canInvoke(FunctionArn function);

    @Override
    void close();
}
