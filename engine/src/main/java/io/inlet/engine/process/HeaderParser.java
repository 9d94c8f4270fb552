package io.inlet.engine.process;

import io.inlet.engine.verdicts.Header;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.util.ByteSequence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads only the header block of a message with Mime4j's pull parser and stops at its end, so
 * the body is never read. Values are decoded as UTF-8 (SMTPUTF8 mail) and unfolded the way SES
 * shows them in {@code mail.headers}: each line break plus its indentation becomes one space.
 */
public final class HeaderParser {

    /** SES reports at most 10 KB of headers ({@code headersTruncated}); keep no more than that. */
    static final int KEEP_BYTES = 10 * 1024;

    /** Fields needed for {@code commonHeaders} and {@code destination}, whatever their position. */
    static final Set<String> NAMED = Set.of("return-path", "from", "to", "cc", "bcc", "sender",
            "reply-to", "date", "message-id", "subject");

    private static final int MAX_OCCURRENCES = 100;
    private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]+");

    // Lenient like an MTA, but bounded: one field may not grow past 1 MB nor the block past 10000 fields.
    private static final MimeConfig CONFIG = MimeConfig.custom()
            .setStrictParsing(false)
            .setMalformedHeaderStartsBody(true)
            .setMaxLineLen(1024 * 1024)
            .setMaxHeaderLen(1024 * 1024)
            .setMaxHeaderCount(10_000)
            .build();

    private HeaderParser() {
    }

    public static ParsedHeaders parse(InputStream message) throws IOException {
        List<Header> kept = new ArrayList<>();
        Map<String, List<String>> named = new LinkedHashMap<>();
        long bytes = 0;
        boolean complete = true;
        MimeTokenStream stream = new MimeTokenStream(CONFIG);
        stream.parse(message);
        try {
            for (EntityState state = stream.getState();
                 state != EntityState.T_END_HEADER && state != EntityState.T_END_OF_STREAM;
                 state = stream.next()) {
                if (state != EntityState.T_FIELD) {
                    continue;
                }
                Header h = toHeader(stream.getField());
                bytes += wireSize(h);
                if (complete && bytes <= KEEP_BYTES) {
                    kept.add(h);
                } else {
                    complete = false;
                }
                String lower = h.name().toLowerCase(Locale.ROOT);
                if (NAMED.contains(lower)) {
                    List<String> values = named.computeIfAbsent(lower, k -> new ArrayList<>());
                    if (values.size() < MAX_OCCURRENCES) {
                        values.add(h.value());
                    }
                }
            }
        } catch (MimeException e) {
            complete = false; // a limit was hit: report what was read, flagged as truncated
        } finally {
            stream.stop();
        }
        return new ParsedHeaders(kept, complete, named);
    }

    /** Bytes of {@code Name: value CRLF}, the measure of SES's 10 KB header limit. */
    static long wireSize(Header h) {
        return h.name().length() + 4L + h.value().getBytes(StandardCharsets.UTF_8).length;
    }

    static String unfold(String value) {
        return FOLD.matcher(value).replaceAll(" ");
    }

    private static Header toHeader(Field field) {
        ByteSequence raw = field.getRaw();
        if (raw == null) {
            return new Header(field.getName(), unfold(field.getBody() == null ? "" : field.getBody()).strip());
        }
        byte[] bytes = raw.toByteArray();
        int colon = 0;
        while (colon < bytes.length && bytes[colon] != ':') {
            colon++;
        }
        int start = Math.min(colon + 1, bytes.length);
        int end = bytes.length;
        while (end > start && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        String value = unfold(new String(bytes, start, end - start, StandardCharsets.UTF_8));
        return new Header(field.getName().strip(), stripLeading(value));
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(i);
    }
}
