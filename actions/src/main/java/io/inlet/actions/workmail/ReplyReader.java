package io.inlet.actions.workmail;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads SMTP/LMTP replies ({@code 250-first}, {@code 250 last}) from a server's stream. */
final class ReplyReader {

    /** RFC 5321 allows 512 octets per reply line; be generous, but never unbounded. */
    private static final int MAX_LINE = 8192;
    /** A reply with more lines than this is a broken or hostile server. */
    private static final int MAX_LINES = 200;

    private final InputStream in;

    ReplyReader(InputStream in) {
        this.in = in;
    }

    Reply read() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int lines = 0; lines < MAX_LINES; lines++) {
            String line = line();
            if (line.length() < 3 || !isDigits(line.substring(0, 3))
                    || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new IOException("not an SMTP/LMTP reply: " + line);
            }
            if (line.length() > 4) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(line.substring(4));
            }
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString());
            }
        }
        throw new IOException("reply longer than " + MAX_LINES + " lines");
    }

    /** One line without its CRLF (a bare LF ends a line too: be liberal in what we read). */
    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                break;
            }
            if (bytes.size() >= MAX_LINE) {
                throw new IOException("reply line longer than " + MAX_LINE + " bytes");
            }
            bytes.write(b);
        }
        String line = bytes.toString(StandardCharsets.UTF_8);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
