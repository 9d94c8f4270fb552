package io.inlet.deploy.cli;

/**
 * A failure a client command reports as one line ({@code inlet: <message>}) and an exit status,
 * without a stack trace: the daemon is unreachable, refused the credentials, has no such message…
 */
final class CliException extends RuntimeException {
    /** Exit status of every runtime failure (picocli uses 2 for usage errors). */
    static final int FAILED = 1;

    private final int exitCode;

    CliException(String message) {
        this(message, FAILED);
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
