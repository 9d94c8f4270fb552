package io.inlet.engine.process;

import io.inlet.engine.message.MessageBytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the inbound {@code Authentication-Results} fields that claim our authserv-id (forged, or
 * left by a loop) so they can be skipped when the message is streamed: a receiver must be able to
 * trust every A-R field with our name (RFC 8601 §5). Reads the header block only, line by line,
 * never holding more than one capped field; everything else stays byte-exact.
 */
public final class InboundHeaderFilter {

    private static final String FIELD = "authentication-results";
    // enough for any real authserv-id prefix; a longer field is judged on its first bytes
    private static final int FIELD_CAP = 64 * 1024;

    private final String authservId;

    /** @param authservId our hostname (the envelope's {@code receivedBy}) */
    public InboundHeaderFilter(String authservId) {
        this.authservId = stripDot(authservId == null ? "" : authservId.strip());
    }

    /** The message with our forged Authentication-Results fields marked for skipping. */
    public FilteredMessage scan(MessageBytes message) throws IOException {
        if (authservId.isEmpty()) {
            return new FilteredMessage(message, List.of());
        }
        try (InputStream in = message.open()) {
            return new FilteredMessage(message, new Scanner(in).ranges());
        }
    }

    /** Whether an A-R field value (after the colon) names {@code authservId}. */
    boolean claimsUs(String value) {
        String id = authservIdOf(value);
        return id != null && stripDot(id).equalsIgnoreCase(authservId);
    }

    /** The authserv-id of an A-R value: the first token after optional CFWS; null when there is none. */
    static String authservIdOf(String value) {
        int i = skipCfws(value, 0);
        int start = i;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ';' || c == '(' || Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        return i > start ? value.substring(start, i) : null;
    }

    private static int skipCfws(String s, int i) {
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (depth > 0 && c == '\\') {
                i += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0 && !Character.isWhitespace(c)) {
                return i;
            }
            i++;
        }
        return i;
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** One pass over the header block. */
    private final class Scanner {
        private final InputStream in;
        private final List<FilteredMessage.Range> ranges = new ArrayList<>();
        private final ByteArrayOutputStream field = new ByteArrayOutputStream();
        private long offset;
        private long fieldStart = -1;
        private boolean fieldIsAr;

        Scanner(InputStream in) {
            this.in = in;
        }

        List<FilteredMessage.Range> ranges() throws IOException {
            while (true) {
                long lineStart = offset;
                int first = in.read();
                if (first < 0) {
                    finishField(lineStart);
                    return ranges;
                }
                offset++;
                if (first == '\n' || first == '\r' && peekLf()) {
                    finishField(lineStart); // the empty line: end of the header block
                    return ranges;
                }
                if (first == ' ' || first == '\t') {
                    if (fieldStart < 0) {
                        return ranges; // continuation without a field: not a header block
                    }
                    consumeLine(first, fieldIsAr);
                    continue;
                }
                finishField(lineStart);
                fieldStart = lineStart;
                if (!startField(first)) {
                    // a malformed line starts the body (as Mime4j's MalformedHeaderStartsBody)
                    return ranges;
                }
            }
        }

        /** Reads the rest of a new field's first line; false when it is not {@code name:}. */
        private boolean startField(int first) throws IOException {
            field.reset();
            StringBuilder name = new StringBuilder().append((char) first);
            int c = first;
            while (c != ':') {
                c = in.read();
                if (c < 0 || c == '\n') {
                    if (c == '\n') {
                        offset++;
                    }
                    return false;
                }
                offset++;
                if (c != ':') {
                    if (name.length() > 998) {
                        return false;
                    }
                    name.append((char) c);
                }
            }
            String n = name.toString().strip();
            if (n.isEmpty() || !n.chars().allMatch(ch -> ch > 32 && ch < 127)) {
                consumeLine(-1, false);
                return false;
            }
            fieldIsAr = n.equalsIgnoreCase(FIELD);
            consumeLine(-1, fieldIsAr);
            return true;
        }

        /** Reads up to and including the LF; keeps the bytes of A-R fields (capped). */
        private void consumeLine(int first, boolean keep) throws IOException {
            if (keep && first >= 0) {
                keep(first);
            }
            int c;
            while ((c = in.read()) >= 0) {
                offset++;
                if (keep) {
                    keep(c);
                }
                if (c == '\n') {
                    return;
                }
            }
        }

        private void keep(int c) {
            if (field.size() < FIELD_CAP) {
                field.write(c);
            }
        }

        private boolean peekLf() throws IOException {
            in.mark(1);
            int c = in.read();
            if (c == '\n') {
                offset++;
                return true;
            }
            in.reset();
            return false;
        }

        private void finishField(long end) {
            if (fieldStart >= 0 && fieldIsAr && claimsUs(field.toString(StandardCharsets.UTF_8))) {
                ranges.add(new FilteredMessage.Range(fieldStart, end - fieldStart));
            }
            fieldStart = -1;
            fieldIsAr = false;
            field.reset();
        }
    }
}
