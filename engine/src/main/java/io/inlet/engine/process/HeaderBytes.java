package io.inlet.engine.process;

import io.inlet.engine.verdicts.Header;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes header fields as they go on the wire: {@code Name: value} folded at whitespace so lines
 * stay near 78 characters (RFC 5322 §2.2.3), each line ending in CRLF. Folding only inserts CRLF
 * before an existing space or tab, so unfolding gives the value back unchanged.
 */
final class HeaderBytes {

    static final int FOLD_AT = 78;

    private HeaderBytes() {
    }

    static byte[] encode(List<Header> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * Math.max(1, headers.size()));
        for (Header h : headers) {
            byte[] line = fold(h.name() + ": " + h.value()).getBytes(StandardCharsets.UTF_8);
            out.write(line, 0, line.length);
        }
        return out.toByteArray();
    }

    /** The field folded and terminated with CRLF. */
    static String fold(String field) {
        StringBuilder out = new StringBuilder(field.length() + 8);
        int colon = field.indexOf(':');
        int lineStart = 0;
        int lastBreak = -1; // index of a whitespace in field where a fold may go
        int i = 0;
        while (i < field.length()) {
            char c = field.charAt(i);
            // never fold right after "Name:" or before the first word of a line
            boolean foldable = (c == ' ' || c == '\t') && i > colon + 1 && i > lineStart
                    && field.charAt(i - 1) != ' ' && field.charAt(i - 1) != '\t';
            if (foldable) {
                lastBreak = i;
            }
            if (i - lineStart >= FOLD_AT && lastBreak > lineStart) {
                out.append(field, lineStart, lastBreak).append("\r\n");
                lineStart = lastBreak;
                lastBreak = -1;
                continue;
            }
            i++;
        }
        out.append(field, lineStart, field.length()).append("\r\n");
        return out.toString();
    }
}
