package io.inlet.engine.verdicts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header fields of a message, read from a stream that is left at the first body byte, so DKIM
 * can hash the body without the message ever being held in memory. Bare LF line ends are accepted
 * and normalised to CRLF inside folded fields, as jDKIM's own parser does.
 */
final class HeaderBlock {

    /** One field as it appeared; {@code raw} holds the bytes as ISO-8859-1 chars (lossless). */
    record Field(String name, String raw) {

        /** The raw field ({@code Name: value} with CRLF folds) in the given charset. */
        String text(Charset charset) {
            return new String(raw.getBytes(StandardCharsets.ISO_8859_1), charset);
        }

        /** The value after the colon, unfolded and trimmed, decoded as UTF-8 (RFC 6532). */
        String value() {
            String text = text(StandardCharsets.UTF_8);
            return text.substring(text.indexOf(':') + 1).replaceAll("\r\n(?=[ \t])", "").trim();
        }
    }

    private final List<Field> fields;

    private HeaderBlock(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    List<Field> fields() {
        return fields;
    }

    List<Field> fields(String name) {
        List<Field> matching = new ArrayList<>();
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                matching.add(field);
            }
        }
        return matching;
    }

    /**
     * Reads up to and including the empty line that ends the header block (or to the end of the
     * stream). Lines that are neither a field nor a continuation are skipped.
     *
     * @throws IOException also when the block is larger than {@code maxBytes}
     */
    static HeaderBlock read(InputStream in, int maxBytes) throws IOException {
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        int total = 0;
        while (true) {
            String line = readLine(in, maxBytes - total);
            if (line == null) {
                break;
            }
            total += line.length() + 2;
            if (line.isEmpty()) {
                break;
            }
            char first = line.charAt(0);
            if ((first == ' ' || first == '\t') && current != null) {
                current.append("\r\n").append(line);
            } else if (line.indexOf(':') > 0) {
                add(fields, current);
                current = new StringBuilder(line);
            }
        }
        add(fields, current);
        return new HeaderBlock(fields);
    }

    private static void add(List<Field> fields, StringBuilder field) {
        if (field != null) {
            String raw = field.toString();
            String name = raw.substring(0, raw.indexOf(':')).trim().toLowerCase(Locale.ROOT);
            fields.add(new Field(name, raw));
        }
    }

    /** One line without its CR LF / LF, as ISO-8859-1 chars; null at the end of the stream. */
    private static String readLine(InputStream in, int budget) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            if (line.size() > budget) {
                throw new IOException("header block larger than the limit");
            }
            b = in.read();
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
