package io.inlet.engine.inspect;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * The bytes of a message exactly as received, as an open channel: streamed by the caller (an
 * open file survives the message moving between states or being pruned meanwhile). Close it.
 */
public record RawMessage(String messageId, long size, FileChannel channel) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
