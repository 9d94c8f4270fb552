package io.inlet.engine.process;

import io.inlet.engine.message.MessageBytes;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The spooled message minus some byte ranges (the header fields {@link InboundHeaderFilter}
 * dropped), streamed from disk on every {@link #open()}.
 *
 * @param message the message as received
 * @param removed ranges to skip, ascending and disjoint, offsets from the message's first byte
 */
public record FilteredMessage(MessageBytes message, List<Range> removed) {

    /** {@code length} bytes from {@code offset}. */
    public record Range(long offset, long length) {
    }

    public FilteredMessage {
        removed = List.copyOf(removed);
    }

    /** Size of what {@link #open()} returns. */
    public long size() {
        return message.size() - removed.stream().mapToLong(Range::length).sum();
    }

    public InputStream open() throws IOException {
        InputStream in = message.open();
        return removed.isEmpty() ? in : new Skipping(in, removed);
    }

    /** Passes bytes through, jumping over the removed ranges. */
    private static final class Skipping extends InputStream {
        private final InputStream in;
        private final List<Range> ranges;
        private int next;
        private long pos;

        Skipping(InputStream in, List<Range> ranges) {
            this.in = in;
            this.ranges = ranges;
        }

        /** Skips a range starting here; returns how many bytes may be read before the next one. */
        private long allowance() throws IOException {
            while (next < ranges.size() && ranges.get(next).offset() == pos) {
                Range r = ranges.get(next++);
                in.skipNBytes(r.length());
                pos += r.length();
            }
            return next < ranges.size() ? ranges.get(next).offset() - pos : Long.MAX_VALUE;
        }

        @Override
        public int read() throws IOException {
            allowance();
            int c = in.read();
            if (c >= 0) {
                pos++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, (int) Math.min(len, allowance()));
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
