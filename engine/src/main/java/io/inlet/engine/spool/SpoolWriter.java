package io.inlet.engine.spool;

import io.inlet.engine.message.AcceptedMessage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One message being received into the spool. The SMTP session writes the (dot-unstuffed, CRLF)
 * bytes to {@link #body()}, then either commits or closes without committing (which discards).
 */
public interface SpoolWriter extends AutoCloseable {

    /** The message ID assigned to this message. */
    String messageId();

    /** Where the message bytes go; buffered, written to a file, never kept whole in memory. */
    OutputStream body();

    /** Bytes written so far. */
    long size();

    /**
     * Makes the message durable: body and metadata written to one file and fdatasync'ed once, the
     * file moved into the queue, the directory entry fsync'ed (one fsync may serve several
     * concurrent commits). Only after this returns may the session answer 250. Throws when that
     * cannot be guaranteed.
     */
    void commit(AcceptedMessage metadata) throws IOException;

    /** Discards the message unless it was committed. Never throws. */
    @Override
    void close();
}
