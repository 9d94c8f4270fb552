package io.inlet.rules.spi;

/**
 * Thrown by {@link ActionPlugin#execute} when retrying cannot help (the target refuses the request
 * for good, the action's parameters cannot work). The engine dead-letters the message at once
 * instead of retrying with backoff. Any other exception is treated as temporary.
 */
public class PermanentFailureException extends RuntimeException {
    public PermanentFailureException(String message) {
        super(message);
    }

    public PermanentFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
