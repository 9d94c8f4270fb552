package io.inlet.engine.spool;

/**
 * How much the spool holds now, against its configured bound.
 *
 * @param bytes             message bytes queued and dead-lettered (what the bound limits)
 * @param processedMessages processed messages kept for inspection (outside the bound)
 * @param processedBytes    their bytes
 */
public record SpoolUsage(int queuedMessages, int deadMessages, long bytes, long maxBytes, int maxMessages,
                         int processedMessages, long processedBytes) {
}
