package io.inlet.engine.outbound;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes through and checks that every line ends with CRLF: a bare CR or LF would be
 * rewritten by the SMTP client (or by the next hop), and the queue promises to send the bytes as
 * given. The last line may lack its CRLF (SMTP adds it before the final dot).
 */
final class CrlfCheckingOutputStream extends FilterOutputStream {

    private long offset;
    private boolean afterCr;

    CrlfCheckingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        check((byte) b);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            check(b[i]);
        }
        out.write(b, off, len);
    }

    /** Call after the last byte: a message may not end in the middle of a CRLF. */
    void finish() {
        if (afterCr) {
            throw new IllegalArgumentException("message ends with a bare CR (line ends must be CRLF)");
        }
        if (offset == 0) {
            throw new IllegalArgumentException("message is empty");
        }
    }

    private void check(byte b) {
        if (afterCr && b != '\n') {
            throw new IllegalArgumentException("message has a bare CR at byte " + (offset - 1)
                    + " (line ends must be CRLF)");
        }
        if (!afterCr && b == '\n') {
            throw new IllegalArgumentException("message has a bare LF at byte " + offset
                    + " (line ends must be CRLF)");
        }
        afterCr = b == '\r';
        offset++;
    }
}
