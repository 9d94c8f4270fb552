package io.inlet.engine.spool;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the spool lives and how much it may hold.
 *
 * @param root        the spool directory (the daemon passes {@code <data-dir>/spool})
 * @param maxBytes    bound on the message bytes held (queued + dead-lettered + being received)
 * @param maxMessages bound on the number of messages held (same three states)
 */
public record SpoolSettings(Path root, long maxBytes, int maxMessages) {

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024 * 1024;
    public static final int DEFAULT_MAX_MESSAGES = 100_000;

    public SpoolSettings {
        Objects.requireNonNull(root, "root");
        if (maxBytes <= 0 || maxMessages <= 0) {
            throw new IllegalArgumentException("spool bounds must be positive");
        }
    }

    /** 10 GiB and 100000 messages. */
    public static SpoolSettings defaults(Path root) {
        return new SpoolSettings(root, DEFAULT_MAX_BYTES, DEFAULT_MAX_MESSAGES);
    }
}
