package io.inlet.config.store;

/** The store failed (I/O, constraint violation, closed): the API answers 500 InternalFailure. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
