package io.inlet.config.sending;

import io.inlet.config.api.SesException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A SendRawEmail message split into its header fields and its body, which is never touched (a
 * client's DKIM signature over it stays valid). Line ends become CRLF first: the reference's own
 * example uses bare LF, and the outbound queue wants CRLF.
 */
final class RawMessage {
    /** Header fields as written (name, colon, folded value), without their final CRLF. */
    private final List<String> fields;
    private final byte[] body;

    private RawMessage(List<String> fields, byte[] body) {
        this.fields = fields;
        this.body = body;
    }

    static RawMessage parse(byte[] raw) {
        byte[] crlf = toCrlf(raw);
        int end = indexOf(crlf, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw SesException.invalidParameter("Message must contain a header and a body, separated by a blank line.");
        }
        // Header bytes are ASCII by RFC 5322; ISO-8859-1 maps any stray 8-bit byte one-to-one back.
        String head = new String(crlf, 0, end, StandardCharsets.ISO_8859_1);
        List<String> fields = new ArrayList<>();
        for (String line : head.split("\r\n", -1)) {
            if (!fields.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
            } else if (line.indexOf(':') > 0) {
                fields.add(line);
            } else {
                throw SesException.invalidParameter("Illegal header line: " + line);
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(crlf, end + 4, crlf.length);
        return new RawMessage(fields, body);
    }

    /** The unfolded, trimmed value of the first field of that name. */
    Optional<String> header(String name) {
        return fields.stream().filter(f -> nameOf(f).equalsIgnoreCase(name)).findFirst().map(RawMessage::valueOf);
    }

    /** The values of every field of that name, unfolded and trimmed. */
    List<String> headers(String name) {
        return fields.stream().filter(f -> nameOf(f).equalsIgnoreCase(name)).map(RawMessage::valueOf).toList();
    }

    void remove(String name) {
        fields.removeIf(f -> nameOf(f).equalsIgnoreCase(name));
    }

    void addIfAbsent(String name, String value) {
        if (header(name).isEmpty()) {
            fields.add(0, name + ": " + value);
        }
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4096);
        for (String f : fields) {
            out.writeBytes(f.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(new byte[]{'\r', '\n'});
        }
        out.writeBytes(new byte[]{'\r', '\n'});
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String nameOf(String field) {
        return field.substring(0, field.indexOf(':')).trim().toLowerCase(Locale.ROOT);
    }

    private static String valueOf(String field) {
        return field.substring(field.indexOf(':') + 1).replace("\r\n", "").trim();
    }

    /** Every bare LF or bare CR becomes CRLF. */
    static byte[] toCrlf(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 50 + 16);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
