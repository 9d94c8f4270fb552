package io.inlet.engine.spool;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the spool lives and how much it may hold.
 *
 * @param root          the spool directory (the daemon passes {@code <data-dir>/spool})
 * @param maxBytes      bound on the message bytes held (queued + dead-lettered + being received)
 * @param maxMessages   bound on the number of messages held (same three states)
 * @param keepProcessed how many processed messages to keep for inspection (the newest by acceptance
 *                      time); 0 deletes a message as soon as processing completes. They do not count
 *                      against the two bounds above: pruning keeps them bounded on its own.
 */
public record SpoolSettings(Path root, long maxBytes, int maxMessages, int keepProcessed) {

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024 * 1024;
    public static final int DEFAULT_MAX_MESSAGES = 100_000;
    public static final int DEFAULT_KEEP_PROCESSED = 1000;

    public SpoolSettings {
        Objects.requireNonNull(root, "root");
        if (maxBytes <= 0 || maxMessages <= 0) {
            throw new IllegalArgumentException("spool bounds must be positive");
        }
        if (keepProcessed < 0) {
            throw new IllegalArgumentException("keepProcessed must not be negative");
        }
    }

    /** Bounds as given, keeping the default number of processed messages. */
    public SpoolSettings(Path root, long maxBytes, int maxMessages) {
        this(root, maxBytes, maxMessages, DEFAULT_KEEP_PROCESSED);
    }

    /** 10 GiB and 100000 messages; the newest 1000 processed messages kept. */
    public static SpoolSettings defaults(Path root) {
        return new SpoolSettings(root, DEFAULT_MAX_BYTES, DEFAULT_MAX_MESSAGES);
    }

    public SpoolSettings withKeepProcessed(int keep) {
        return new SpoolSettings(root, maxBytes, maxMessages, keep);
    }
}
