package io.inlet.actions.dsn;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The header block of a received message, for the DSN's {@code text/rfc822-headers} part (SES
 * returns the headers only, never the body). Reading stops at the blank line, so the body is never
 * read, and at a byte limit, so a pathological header block cannot fill the heap.
 */
final class OriginalHeaders {

    /** The engine's own header parsers stop at 1 MiB as well. */
    static final int MAX_BYTES = 1024 * 1024;

    private OriginalHeaders() {
    }

    /**
     * Whole header lines, each ending with CRLF, up to (not including) the blank line. Lines that
     * would take the block past {@code maxBytes} are left out, so the result stays well formed.
     */
    static byte[] read(InputStream message, int maxBytes) throws IOException {
        InputStream in = new BufferedInputStream(message);
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            if (!appendLine(block, line, maxBytes)) {
                return block.toByteArray();
            }
            line.reset();
        }
        appendLine(block, line, maxBytes); // a message that is all headers, without a final line break
        return block.toByteArray();
    }

    /** Adds the line (without its LF, maybe with its CR) as {@code line CRLF}; false at the blank line or the limit. */
    private static boolean appendLine(ByteArrayOutputStream block, ByteArrayOutputStream line, int maxBytes) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (length == 0 || block.size() + length + 2 > maxBytes) {
            return false;
        }
        block.write(bytes, 0, length);
        block.write('\r');
        block.write('\n');
        return true;
    }
}
