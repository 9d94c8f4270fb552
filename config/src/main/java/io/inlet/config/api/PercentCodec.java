package io.inlet.config.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict percent-encoding: decoding rejects broken escapes and invalid UTF-8 instead of guessing
 * (a lenient decoder would let two parties disagree on what was signed); encoding is RFC 3986 as
 * SigV4 canonicalisation requires.
 */
final class PercentCodec {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCodec() {
    }

    /**
     * Decodes {@code bytes[from, to)}. {@code plusAsSpace} is the form-encoding rule; SigV4
     * canonicalisation takes '+' literally.
     *
     * @throws IllegalArgumentException on a malformed escape or invalid UTF-8
     */
    static String decode(byte[] bytes, int from, int to, boolean plusAsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '%') {
                if (i + 2 >= to) {
                    throw new IllegalArgumentException("Incomplete percent escape at offset " + i);
                }
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("Malformed percent escape at offset " + i);
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else if (b == '+' && plusAsSpace) {
                out.write(' ');
            } else {
                out.write(b);
            }
        }
        return strictUtf8(out.toByteArray());
    }

    /** {@code raw} is wire text, one char per byte (how the HTTP request line arrives). */
    static String decode(String raw, boolean plusAsSpace) {
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        return decode(bytes, 0, bytes.length, plusAsSpace);
    }

    /**
     * The {@code name=value} pairs of a raw query string, decoded with '+' taken literally (the
     * SigV4 reading); an empty segment is skipped, a missing '=' gives an empty value.
     */
    static List<String[]> queryPairs(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String segment : rawQuery.split("&", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            int eq = segment.indexOf('=');
            String key = eq < 0 ? segment : segment.substring(0, eq);
            String value = eq < 0 ? "" : segment.substring(eq + 1);
            pairs.add(new String[] {decode(key, false), decode(value, false)});
        }
        return pairs;
    }

    /** RFC 3986: everything but A-Z a-z 0-9 - _ . ~ as %XX of its UTF-8 bytes. */
    static String encode(String value) {
        return encode(value, false);
    }

    /** Like {@link #encode(String)} but keeps '/' (for a canonical URI). */
    static String encodePath(String value) {
        return encode(value, true);
    }

    private static String encode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Invalid UTF-8 in a parameter");
        }
    }
}
