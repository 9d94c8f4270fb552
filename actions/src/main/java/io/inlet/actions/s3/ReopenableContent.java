package io.inlet.actions.s3;

import io.inlet.rules.spi.MessageContent;
import software.amazon.awssdk.http.ContentStreamProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Gives the SDK a fresh stream over the message for each attempt (signing and retries may read it
 * more than once), closing the previous one so no file handle is left behind.
 */
final class ReopenableContent implements ContentStreamProvider, AutoCloseable {

    private final MessageContent content;
    private InputStream current;

    ReopenableContent(MessageContent content) {
        this.content = content;
    }

    @Override
    public synchronized InputStream newStream() {
        try {
            close();
            current = content.open();
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (current != null) {
            InputStream previous = current;
            current = null;
            previous.close();
        }
    }
}
