package io.inlet.engine.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies the DATA stream (already dot-unstuffed, ending at {@code CRLF.CRLF}) into the spool while
 * checking it, and always reads it to its end, so the reply that follows stays in sync with the
 * client whatever went wrong. Two checks:
 * <ul>
 *   <li>size: past the limit nothing more is written (a 50 MB stream never reaches memory or disk);</li>
 *   <li>bare CR or LF anywhere (headers or body): the SMTP smuggling defence of SES-RECEIVING.md
 *       Part 1. SubEtha ends DATA only on {@code CRLF.CRLF}, but would pass {@code LF.CRLF}
 *       through to the stored message, where a later relay might read it as the end.</li>
 * </ul>
 * The first problem found decides the outcome; once one is found, the rest is only drained.
 * Input errors (client gone, idle timeout) propagate; output errors (disk) become {@link Outcome#OUTPUT_FAILED}.
 */
final class DataStreamGuard {

    /** SubEtha's stream reads byte by byte underneath; a large block keeps our side cheap. */
    private static final int BLOCK = 64 * 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    enum Outcome { OK, TOO_LARGE, BARE_LINE_BREAK, OUTPUT_FAILED }

    /**
     * @param outcome     what happened
     * @param bytesRead   every byte of the DATA stream, including what was only drained
     * @param bytesStored bytes written to the output (all of them when {@link Outcome#OK})
     * @param failure     the output error when {@link Outcome#OUTPUT_FAILED}
     */
    record Result(Outcome outcome, long bytesRead, long bytesStored, IOException failure) {
    }

    private DataStreamGuard() {
    }

    static Result copy(InputStream in, OutputStream out, long maxSize) throws IOException {
        byte[] block = new byte[BLOCK];
        Outcome outcome = Outcome.OK;
        IOException failure = null;
        long read = 0;
        long stored = 0;
        boolean afterCr = false;
        int n;
        while ((n = in.read(block, 0, BLOCK)) != -1) {
            read += n;
            if (outcome != Outcome.OK) {
                continue; // drain to the terminator
            }
            for (int i = 0; i < n; i++) {
                byte b = block[i];
                // a CR must be followed by LF, and an LF preceded by CR
                if (afterCr != (b == LF)) {
                    outcome = Outcome.BARE_LINE_BREAK;
                    break;
                }
                afterCr = b == CR;
            }
            if (outcome != Outcome.OK) {
                continue;
            }
            if (read > maxSize) {
                outcome = Outcome.TOO_LARGE;
                continue;
            }
            try {
                out.write(block, 0, n);
                stored += n;
            } catch (IOException e) {
                outcome = Outcome.OUTPUT_FAILED;
                failure = e;
            }
        }
        if (outcome == Outcome.OK && afterCr) {
            outcome = Outcome.BARE_LINE_BREAK; // the content ended with a lone CR
        }
        return new Result(outcome, read, stored, failure);
    }
}
