package io.inlet.engine.inspect;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * The bytes of a message exactly as received, as an open channel at position 0: the caller streams
 * {@code size} bytes from it, no more (the spool file holds the message's metadata after them). An
 * open file survives the message moving between states or being pruned meanwhile. Close it.
 */
public record RawMessage(String messageId, long size, FileChannel channel) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
