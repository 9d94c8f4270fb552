package io.inlet.engine.spool;

/**
 * The spool cannot take a message now. {@code full} distinguishes "over the configured bound"
 * (SMTP {@code 452 4.3.1}) from "cannot write" (SMTP {@code 451 4.3.0}); both are temporary.
 */
public class SpoolException extends Exception {
    private final boolean full;

    public SpoolException(String message, boolean full, Throwable cause) {
        super(message, cause);
        this.full = full;
    }

    public boolean full() {
        return full;
    }
}
