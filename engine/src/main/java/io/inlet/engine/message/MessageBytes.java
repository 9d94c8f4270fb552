package io.inlet.engine.message;

import io.inlet.rules.spi.MessageContent;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A message exactly as received: the first {@code size} bytes of {@code file}. The spool's message
 * file goes on after them with its metadata (see the spool's {@code MessageFile}), so readers must
 * stay inside this range: {@link #open()} and {@link #openChannel()} callers read {@code size}
 * bytes from position 0 and no more. Streamed, never held in memory; each call opens the file anew.
 */
public record MessageBytes(Path file, long size) implements MessageContent {

    private static final int BUFFER = 64 * 1024;

    public MessageBytes {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }

    /** A whole file as a message (tests, and files written by other tools). */
    public static MessageBytes wholeFile(Path file) throws IOException {
        return new MessageBytes(file, Files.size(file));
    }

    /** A buffered stream of exactly the message bytes; the caller closes it. */
    @Override
    public InputStream open() throws IOException {
        return new Bounded(new BufferedInputStream(Files.newInputStream(file), BUFFER), size);
    }

    /**
     * The file open for reading at position 0, for zero-copy transfers; the caller reads at most
     * {@link #size()} bytes from it and closes it. An open channel survives the file being renamed.
     */
    public FileChannel openChannel() throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Ends after {@code remaining} bytes, whatever the underlying stream holds after them. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                remaining--;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false; // a reset would have to restore remaining too; nobody needs it
        }
    }
}
