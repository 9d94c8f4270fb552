package io.inlet.engine.spool;

/** How much the spool holds now, against its configured bound. */
public record SpoolUsage(int queuedMessages, int deadMessages, long bytes, long maxBytes, int maxMessages) {
}
