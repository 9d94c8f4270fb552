package io.inlet.actions.workmail;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The DATA encoding of RFC 5321 §4.5.2: a line starting with {@code .} gets another {@code .};
 * line ends go out as CRLF (a bare LF or bare CR becomes CRLF, which servers require); {@link #finish()}
 * ends the last line and writes the {@code .} terminator. Buffers itself (8 KiB) so the per-byte
 * work stays cheap, and never holds more than that.
 */
final class DotStuffingOutputStream extends OutputStream {

    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int count;
    private boolean atLineStart = true;
    private boolean afterCr;

    DotStuffingOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (afterCr && b != '\n') {
            // a bare CR: complete it to a line end
            put('\n');
            atLineStart = true;
            afterCr = false;
        }
        if (b == '\n') {
            if (!afterCr) {
                put('\r');
            }
            put('\n');
            atLineStart = true;
            afterCr = false;
        } else if (b == '\r') {
            put('\r');
            afterCr = true;
        } else {
            if (atLineStart && b == '.') {
                put('.');
            }
            put(b);
            atLineStart = false;
        }
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(bytes[i] & 0xff);
        }
    }

    /** Ends the last line if the message did not, writes {@code .CRLF} and flushes; the underlying stream stays open. */
    void finish() throws IOException {
        if (afterCr) {
            put('\n');
            atLineStart = true;
            afterCr = false;
        }
        if (!atLineStart) {
            put('\r');
            put('\n');
        }
        put('.');
        put('\r');
        put('\n');
        flush();
    }

    @Override
    public void flush() throws IOException {
        out.write(buffer, 0, count);
        count = 0;
        out.flush();
    }

    private void put(int b) throws IOException {
        if (count == buffer.length) {
            out.write(buffer, 0, count);
            count = 0;
        }
        buffer[count++] = (byte) b;
    }
}
